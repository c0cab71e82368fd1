namespace Grimoire;

public sealed partial class Tensor
{
    /// <summary>Runs a batched image op (conv2d, max and average pooling) on this unbatched [c, h, w] tensor as a batch of
    /// one and drops the batch axis again, as PyTorch does; the gradient flows back through the two views.</summary>
    private Tensor Unbatched(Func<Tensor, Tensor> batchedOp)
    {
        var batched = Unsqueeze(0);
        return batchedOp(batched).Squeeze(0);
    }
}
