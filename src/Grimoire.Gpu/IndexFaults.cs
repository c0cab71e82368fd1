using ILGPU;
using ILGPU.Runtime;

namespace Grimoire.Gpu;

/// <summary>Index checks without host waits: a check kernel writes the id of the first failed check into a device word,
/// and the host reads that word only when it waits anyway (<see cref="GpuRuntime.Synchronize"/>), then throws the failed
/// check's <see cref="ShapeException"/>. Kernels that index with checked values bound-check them as well, so an index that
/// failed touches no memory before the error is raised.</summary>
internal sealed class IndexFaults
{
    /// <summary>Checks queued without a wait before one is forced, so the list of messages stays short.</summary>
    private const int MaxPending = 4096;

    private readonly MemoryBuffer1D<int, Stride1D.Dense> _word;
    private readonly List<string> _pending = [];
    private readonly Lock _lock = new();

    public IndexFaults(Accelerator accelerator)
    {
        _word = accelerator.Allocate1D<int>(1);
        _word.MemSetToZero();
    }

    /// <summary>The device word: 0, or the 1-based id of the first failed check since the last read.</summary>
    public ArrayView<int> Word => _word.View;

    /// <summary>Registers a check about to be launched; returns its id, and whether the caller should wait (so the list
    /// is drained) after launching it.</summary>
    public (int Id, bool Drain) Register(string message)
    {
        lock (_lock)
        {
            _pending.Add(message);
            return (_pending.Count, _pending.Count >= MaxPending);
        }
    }

    /// <summary>After the stream is idle: throws the first failed check's error, if any, and forgets the pending checks.</summary>
    /// <exception cref="ShapeException">an index checked since the last read was out of range.</exception>
    public void Raise(AcceleratorStream stream)
    {
        string? failed;
        lock (_lock)
        {
            if (_pending.Count == 0) return;
            Span<int> word = stackalloc int[1];
            _word.View.CopyToCPU(stream, word);
            failed = word[0] > 0 ? _pending[word[0] - 1] : null;
            _pending.Clear();
            if (failed is not null) _word.View.MemSetToZero(stream);
        }
        if (failed is not null) throw new ShapeException(failed);
    }
}
