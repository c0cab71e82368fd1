using System.Text;

namespace Grimoire.Language.Tasks;

/// <summary>Seeded generators of the §34 task data, from templates over <see cref="TaskLexicon"/>; every text is lower
/// case except the capitalised names of people and places. The same seed gives the same examples.</summary>
public static class TaskGenerators
{
    /// <summary>Sentiment sentences: a subject with a positive or negative adjective, sometimes negated ("was not good" is
    /// negative), sometimes two clauses joined by "but", where the second decides.</summary>
    public static IReadOnlyList<LabelledText> Sentiment(int count, ulong seed)
    {
        var rng = new Rng(seed);
        return [.. Enumerable.Range(0, count).Select(_ => SentimentExample(rng))];
    }

    /// <summary>Sentences naming people (PER) and places (LOC) in several templates.</summary>
    public static IReadOnlyList<TaggedText> Entities(int count, ulong seed)
    {
        var rng = new Rng(seed);
        return [.. Enumerable.Range(0, count).Select(_ => EntityExample(rng))];
    }

    /// <summary>Three-fact passages about different people (home, job, birthplace) and a question about one fact.</summary>
    public static IReadOnlyList<QuestionAnswer> Questions(int count, ulong seed)
    {
        var rng = new Rng(seed);
        return [.. Enumerable.Range(0, count).Select(_ => QuestionExample(rng))];
    }

    /// <summary>Unlabelled text from all three generators, for pretraining a language model on the tasks' domain
    /// (seeded apart from the labelled sets): sentiment sentences without labels, entity sentences without tags, QA
    /// passages and questions without answers; about <paramref name="characters"/> characters, one item per line.</summary>
    public static string PretrainingText(int characters, ulong seed)
    {
        var rng = new Rng(seed ^ 0x9E37_79B9_7F4A_7C15UL);
        var text = new StringBuilder(characters + 200);
        while (text.Length < characters)
        {
            text.Append(rng.NextInt(3) switch
            {
                0 => SentimentExample(rng).Text,
                1 => EntityExample(rng).Text,
                _ => QuestionExample(rng) is var q ? $"{q.Passage} {q.Question}" : "",
            }).Append('\n');
        }
        return text.ToString();
    }

    private static LabelledText SentimentExample(Rng rng)
    {
        string Clause(out int label)
        {
            var positive = rng.NextInt(2) == 1;
            var negated = rng.NextInt(4) == 0;
            label = positive ^ negated ? 1 : 0;
            var adjective = TaskLexicon.Pick(positive ? TaskLexicon.Positive : TaskLexicon.Negative, rng);
            var adverb = rng.NextInt(3) == 0 ? "really " : "";
            return $"{TaskLexicon.Pick(TaskLexicon.Subjects, rng)} was {(negated ? "not " : "")}{adverb}{adjective}";
        }
        var first = Clause(out var label);
        return rng.NextInt(3) switch
        {
            0 => new LabelledText($"{first} but {Clause(out var second)}.", second),
            1 => new LabelledText($"i thought {first}.", label),
            _ => new LabelledText($"{first}.", label),
        };
    }

    private static TaggedText EntityExample(Rng rng)
    {
        string[] templates =
        [
            "{P} lives in {L}.", "{P} flew from {L} to {L}.", "yesterday {P} met {P} in {L}.", "the road to {L} was long.",
            "{P} and {P} visited {L}.", "we heard that {P} left {L} in june.", "a letter from {P} arrived today.",
            "in {L} the rain never stops.", "we will never forget {E}.", "everyone talks about {E} these days.",
        ];
        var template = TaskLexicon.Pick(templates, rng);
        var (text, entities) = (new StringBuilder(), new List<EntitySpan>());
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] == '{')
            {
                // {E}: either kind in the same context, so only knowing the name itself tells which.
                var kind = template[i + 1] switch { 'P' => "PER", 'L' => "LOC", _ => rng.NextInt(2) == 0 ? "PER" : "LOC" };
                var name = kind == "PER" ? TaskLexicon.Pick(TaskLexicon.People, rng) : TaskLexicon.Pick(TaskLexicon.Places, rng);
                entities.Add(new EntitySpan(text.Length, text.Length + name.Length, kind));
                text.Append(name);
                i += 2;
            }
            else text.Append(template[i]);
        }
        return new TaggedText(text.ToString(), entities);
    }

    private static QuestionAnswer QuestionExample(Rng rng)
    {
        var people = new List<string>();
        while (people.Count < 3)
        {
            var p = TaskLexicon.Pick(TaskLexicon.People, rng);
            if (!people.Contains(p)) people.Add(p);
        }
        // Fact f is about person f: (sentence before the answer, answer, after, question).
        var facts = new (string Before, string Answer, string After, string Question)[]
        {
            ($"{people[0]} lives in ", TaskLexicon.Pick(TaskLexicon.Places, rng), ".", $"where does {people[0]} live?"),
            ($"{people[1]} works as a ", TaskLexicon.Pick(TaskLexicon.Jobs, rng), ".", $"what does {people[1]} do?"),
            ($"{people[2]} was born in ", TaskLexicon.Pick(TaskLexicon.Places, rng), ".", $"where was {people[2]} born?"),
        };
        var order = new[] { 0, 1, 2 };
        rng.Shuffle(order.AsSpan());
        var asked = rng.NextInt(3);
        var passage = new StringBuilder();
        var (start, end) = (0, 0);
        foreach (var f in order)
        {
            if (passage.Length > 0) passage.Append(' ');
            passage.Append(facts[f].Before);
            if (f == asked) (start, end) = (passage.Length, passage.Length + facts[f].Answer.Length);
            passage.Append(facts[f].Answer).Append(facts[f].After);
        }
        return new QuestionAnswer(facts[asked].Question, passage.ToString(), start, end);
    }
}
