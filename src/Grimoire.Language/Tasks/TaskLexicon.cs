using Grimoire.Text.Corpora;

namespace Grimoire.Language.Tasks;

/// <summary>The word lists the task generators draw from: person names from the shipped names.txt (public domain,
/// US Social Security data via makemore), place names (world cities and countries: facts, not copyrightable), jobs,
/// subjects and a small sentiment lexicon written for this library.</summary>
internal static class TaskLexicon
{
    private static readonly Lazy<string[]> s_people = new(() =>
        [.. TextCorpus.Load("names").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(n => n.Length is >= 3 and <= 8).Select(n => char.ToUpperInvariant(n[0]) + n[1..])]);

    public static IReadOnlyList<string> People => s_people.Value;

    public static readonly string[] Places =
    [
        "Paris", "London", "Rome", "Madrid", "Berlin", "Vienna", "Prague", "Warsaw", "Lisbon", "Dublin", "Oslo", "Athens",
        "Cairo", "Lagos", "Nairobi", "Accra", "Tunis", "Dakar", "Lima", "Quito", "Bogota", "Caracas", "Santiago", "Havana",
        "Tokyo", "Seoul", "Delhi", "Dhaka", "Hanoi", "Manila", "Jakarta", "Bangkok", "Sydney", "Perth", "Toronto", "Boston",
        "Chicago", "Denver", "Austin", "Seattle", "Kenya", "Peru", "Chile", "Spain", "France", "Norway", "Egypt", "Japan",
        "Canada", "Mexico", "Brazil", "India", "Nepal", "Ghana", "Italy", "Greece", "Poland", "Sweden", "Iceland", "Morocco",
    ];

    public static readonly string[] Jobs =
    [
        "baker", "teacher", "nurse", "farmer", "pilot", "painter", "doctor", "lawyer", "writer", "singer", "tailor", "miner",
        "sailor", "chemist", "builder", "dentist", "cook", "judge", "clerk", "potter",
    ];

    public static readonly string[] Subjects =
    [
        "the film", "the book", "the meal", "the play", "the hotel", "the service", "this song", "the concert", "the game",
        "the show", "the story", "the room", "the coffee", "the trip", "the lecture", "the album",
    ];

    public static readonly string[] Positive =
    [
        "good", "great", "wonderful", "delightful", "excellent", "pleasant", "superb", "lovely", "brilliant", "charming",
        "fun", "moving", "fresh", "clever", "warm", "perfect",
    ];

    public static readonly string[] Negative =
    [
        "bad", "awful", "terrible", "dreadful", "boring", "poor", "dull", "horrible", "weak", "tedious", "bland", "messy",
        "cold", "silly", "noisy", "broken",
    ];

    public static T Pick<T>(IReadOnlyList<T> items, Rng rng) => items[rng.NextInt(items.Count)];
}
