namespace Grimoire.Nn.Checkpoints;

/// <summary>A checkpoint that cannot be written or does not fit: missing, truncated or corrupt files, and tensors whose
/// names, shapes or dtypes differ from the model's; the message names the file and the tensor.</summary>
public sealed class CheckpointException(string message) : GrimoireException(message);
