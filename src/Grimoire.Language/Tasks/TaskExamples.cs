namespace Grimoire.Language.Tasks;

/// <summary>A text with one class label (sentiment: 0 negative, 1 positive).</summary>
/// <param name="Text">The text.</param>
/// <param name="Label">Its class.</param>
public sealed record LabelledText(string Text, int Label);

/// <summary>An entity in a text: characters [Start, End) of kind <see cref="Kind"/> ("PER", "LOC").</summary>
/// <param name="Start">First character.</param>
/// <param name="End">One past the last character.</param>
/// <param name="Kind">The entity type.</param>
public sealed record EntitySpan(int Start, int End, string Kind);

/// <summary>A text with its entities, for named-entity tagging.</summary>
/// <param name="Text">The text.</param>
/// <param name="Entities">Its entities, in order, not overlapping.</param>
public sealed record TaggedText(string Text, IReadOnlyList<EntitySpan> Entities);

/// <summary>A question about a passage whose answer is the passage's characters [Start, End).</summary>
/// <param name="Question">The question.</param>
/// <param name="Passage">The passage holding the answer.</param>
/// <param name="Start">First character of the answer in the passage.</param>
/// <param name="End">One past its last character.</param>
public sealed record QuestionAnswer(string Question, string Passage, int Start, int End)
{
    /// <summary>The answer text.</summary>
    public string Answer => Passage[Start..End];
}
