namespace Grimoire.Tests.Fuzzing;

/// <summary>A subject stored in the safetensors layout, whose header edits are <see cref="SafeTensorsHeaderEdits"/>.</summary>
internal abstract class SafeTensorsSubject : FuzzSubject
{
    protected override int DataStart => 8 + (int)BitConverter.ToUInt64(File);

    protected override Mutation EditHeader(Random rng) => SafeTensorsHeaderEdits.Apply(File, rng);
}
