using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Grimoire.Text.Corpora;
using Grimoire.Text.Tokenizers;

namespace Grimoire.Cli.Commands;

/// <summary>`grimoire tokenize train | encode`: tokenisers (book §32.1) from the command line. The JSON shapes are a
/// contract scripts rely on (README).</summary>
internal static class TokenizeCommands
{
    public static Command Create(TextWriter output) =>
        new("tokenize", "Tokenisers (book §32.1): train byte-level BPE or WordPiece; encode text with a saved or GPT-2 tokeniser")
        {
            Train(output), Encode(output),
        };

    private static Option<string> Data() =>
        new("--data") { Description = "A shipped corpus (shakespeare, names) or a UTF-8 text file", Required = true };

    private static Command Train(TextWriter output)
    {
        var kind = new Argument<string>("kind") { Description = "bpe (byte-level, GPT-2 style) or wordpiece (BERT style, lowercased)" };
        var data = Data();
        var vocab = new Option<int>("--vocab") { Description = "Vocabulary size (BPE: at least the 256 bytes; WordPiece: at least 5 special tokens + the alphabet)", Required = true };
        var outFile = new Option<string>("--out") { Description = "Save the tokeniser here (JSON)", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var command = new Command("train", "Learn a tokeniser from text and save it") { kind, data, vocab, outFile, json };
        command.SetAction(parse =>
        {
            var text = TextCorpus.Load(parse.GetValue(data)!);
            var clock = Stopwatch.StartNew();
            var tokenizer = TokenizerCatalog.Train(parse.GetValue(kind)!, text, parse.GetValue(vocab));
            var seconds = clock.Elapsed.TotalSeconds;
            var path = parse.GetValue(outFile)!;
            TokenizerFile.Save(tokenizer, path);
            output.WriteLine(parse.GetValue(json)
                ? JsonText.Object(w =>
                {
                    w.WriteString("kind", tokenizer.Kind);
                    w.WriteNumber("vocabulary", tokenizer.VocabularySize);
                    w.WriteNumber("seconds", Math.Round(seconds, 6));
                    w.WriteString("out", path);
                })
                : string.Create(CultureInfo.InvariantCulture, $"{tokenizer.Kind}: {tokenizer.VocabularySize} tokens learnt in {seconds:F3} s; saved {path}"));
            return 0;
        });
        return command;
    }

    private static Command Encode(TextWriter output)
    {
        var source = new Option<string>("--tokenizer") { Description = "A tokeniser file from `tokenize train`, or gpt2:<dir> (GPT-2's encoder.json + vocab.bpe)", Required = true };
        var data = Data();
        var json = new Option<bool>("--json") { Description = "Print one JSON object {bytes, tokens, seconds, mb_per_s} (with --ids: a JSON array)" };
        var ids = new Option<bool>("--ids") { Description = "Print the token ids instead of the counts" };
        var command = new Command("encode", "Encode text and report its token count and speed") { source, data, json, ids };
        command.SetAction(parse =>
        {
            var tokenizer = TokenizerCatalog.Load(parse.GetValue(source)!);
            var report = TokenizerCatalog.Encode(tokenizer, TextCorpus.Load(parse.GetValue(data)!));
            var asJson = parse.GetValue(json);
            if (parse.GetValue(ids))
                output.WriteLine(asJson ? "[" + string.Join(",", report.Ids) + "]" : string.Join(" ", report.Ids));
            else
                output.WriteLine(asJson
                    ? JsonText.Object(w =>
                    {
                        w.WriteNumber("bytes", report.Bytes);
                        w.WriteNumber("tokens", report.Ids.Length);
                        w.WriteNumber("seconds", Math.Round(report.Seconds, 6));
                        w.WriteNumber("mb_per_s", Math.Round(report.MegabytesPerSecond, 3));
                    })
                    : string.Create(CultureInfo.InvariantCulture,
                        $"{report.Bytes} bytes → {report.Ids.Length} tokens in {report.Seconds:F3} s ({report.MegabytesPerSecond:F1} MB/s, {(double)report.Bytes / Math.Max(1, report.Ids.Length):F2} bytes/token)"));
            return 0;
        });
        return command;
    }
}
