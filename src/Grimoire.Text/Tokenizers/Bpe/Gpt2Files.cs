using System.Text.Json;

namespace Grimoire.Text.Tokenizers.Bpe;

/// <summary>Reads GPT-2's released tokeniser: <c>encoder.json</c> (byte-level token text → id) and <c>vocab.bpe</c>
/// (a "#version" line, then one merge "left right" per line in rank order). The result gives exactly GPT-2's ids.
/// GPT-2's own encoder treats "&lt;|endoftext|&gt;" in text as ordinary characters, and so does this one: append its
/// id (<see cref="EndOfTextId"/>) yourself.</summary>
public static class Gpt2Files
{
    /// <summary>The file names inside a GPT-2 tokeniser folder.</summary>
    public const string EncoderFile = "encoder.json", MergesFile = "vocab.bpe";

    /// <summary>The id of "&lt;|endoftext|&gt;" in <paramref name="tokenizer"/>, or -1.</summary>
    public static int EndOfTextId(BpeTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        for (var id = tokenizer.VocabularySize - 1; id >= 0; id--) if (tokenizer.Tokens[id] == "<|endoftext|>") return id;
        return -1;
    }

    /// <summary>The tokeniser in <paramref name="directory"/>'s encoder.json and vocab.bpe.</summary>
    /// <exception cref="TextDataException">the folder or a file is missing or malformed.</exception>
    public static BpeTokenizer Load(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory)) throw new TextDataException($"GPT-2 tokeniser folder '{directory}' does not exist");
        var encoderPath = Path.Combine(directory, EncoderFile);
        var mergesPath = Path.Combine(directory, MergesFile);
        foreach (var path in new[] { encoderPath, mergesPath })
            if (!File.Exists(path)) throw new TextDataException($"GPT-2 tokeniser folder '{directory}' has no {Path.GetFileName(path)}");
        return new BpeTokenizer(ReadEncoder(encoderPath), ReadMerges(mergesPath));
    }

    /// <summary>Writes <paramref name="tokenizer"/> as encoder.json and vocab.bpe into <paramref name="directory"/>
    /// (created if missing).</summary>
    public static void Save(BpeTokenizer tokenizer, string directory)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        Directory.CreateDirectory(directory);
        var encoder = new Dictionary<string, int>(tokenizer.VocabularySize, StringComparer.Ordinal);
        for (var id = 0; id < tokenizer.VocabularySize; id++) encoder[tokenizer.Tokens[id]] = id;
        File.WriteAllText(Path.Combine(directory, EncoderFile), JsonSerializer.Serialize(encoder));
        File.WriteAllLines(Path.Combine(directory, MergesFile), ["#version: 0.2", .. tokenizer.MergePairs.Select(m => $"{m.Left} {m.Right}")]);
    }

    private static string[] ReadEncoder(string path)
    {
        Dictionary<string, int>? encoder;
        try
        {
            encoder = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new TextDataException($"{path} is not a JSON object of token → id: {e.Message}");
        }
        if (encoder is null || encoder.Count == 0) throw new TextDataException($"{path} holds no tokens");
        var tokens = new string[encoder.Count];
        foreach (var (token, id) in encoder)
        {
            if ((uint)id >= (uint)tokens.Length || tokens[id] is not null)
                throw new TextDataException($"{path}: id {id} of '{token}' is repeated or outside [0, {tokens.Length}), so the ids are not 0..n-1");
            tokens[id] = token;
        }
        return tokens;
    }

    private static List<(string, string)> ReadMerges(string path)
    {
        var merges = new List<(string, string)>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0 || (lineNumber == 1 && line.StartsWith("#version", StringComparison.Ordinal))) continue;
            var parts = line.Split(' ');
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
                throw new TextDataException($"{path} line {lineNumber}: a merge is two tokens separated by one space, got '{line}'");
            merges.Add((parts[0], parts[1]));
        }
        return merges;
    }
}
