using System.Text;

namespace Grimoire.Tests.Text.Embeddings;

/// <summary>A synthetic corpus of known structure: words in fixed groups, each line drawn from one group only, so a
/// word's contexts are its own group's words. Words are random letter strings (few shared character n-grams).</summary>
internal sealed class GroupedCorpus
{
    public GroupedCorpus(int groups = 4, int wordsPerGroup = 6, int lines = 500, int wordsPerLine = 8, ulong seed = 7)
    {
        var rng = new Rng(seed);
        var words = new HashSet<string>();
        while (words.Count < groups * wordsPerGroup)
            words.Add(new string([.. Enumerable.Range(0, 5 + rng.NextInt(3)).Select(_ => (char)('a' + rng.NextInt(26)))]));
        Groups = [.. words.Chunk(wordsPerGroup)];
        var text = new StringBuilder();
        for (var line = 0; line < lines; line++)
        {
            var group = Groups[rng.NextInt(groups)];
            text.AppendJoin(' ', Enumerable.Range(0, wordsPerLine).Select(_ => group[rng.NextInt(group.Length)])).Append('\n');
        }
        Text = text.ToString();
    }

    public string[][] Groups { get; }

    public string Text { get; }

    public int GroupOf(string word) => Array.FindIndex(Groups, g => g.Contains(word));
}
