using System.Text;
using Grimoire.Autograd;

namespace Grimoire;

/// <summary>An n-dimensional array: a strided view over reference-counted <see cref="Storage"/>.
/// Views (reshape, permute, slice, expand) share storage; <see cref="Dispose"/> releases this view's hold on
/// it deterministically. Ops on tensors that require gradients are recorded for <see cref="Backward"/>.</summary>
public sealed partial class Tensor : IDisposable
{
    private readonly int[] _strides;
    private Storage? _storage;
    private bool _requiresGrad;


    internal Tensor(Storage storage, Shape shape, int[] strides, int offset, bool retain, bool track = true)
    {
        ViewBounds.Check(storage, shape, strides, offset);
        if (retain) storage.Retain();
        _storage = storage;
        Shape = shape;
        _strides = strides;
        Offset = shape.Size == 0 ? 0 : offset; // an empty view addresses nothing; a slice past the end must not point there
        if (track) TensorScope.Track(this);
    }

    /// <summary>A view of this tensor's storage with another layout. Untracked views are for an op's own
    /// temporaries, which it disposes itself.</summary>
    internal Tensor View(Shape shape, int[] strides, int offset, bool track = true) => new(Storage, shape, strides, offset, retain: true, track);

    /// <summary>A fresh contiguous tensor owning new, zeroed storage on <paramref name="device"/>: for kernels that
    /// accumulate into their output.</summary>
    internal static Tensor Allocate(Shape shape, DType dtype, Device device) => Allocate(shape, dtype, device, zeroed: true);

    /// <summary>A fresh contiguous tensor whose storage a kernel is about to overwrite entirely (see <see cref="UninitializedMemory"/>).</summary>
    internal static Tensor AllocateUninitialized(Shape shape, DType dtype, Device device) => Allocate(shape, dtype, device, zeroed: false);

    private static Tensor Allocate(Shape shape, DType dtype, Device device, bool zeroed) =>
        new(DeviceBackends.Get(device).Allocate(device, dtype, shape.Size, zeroed), shape, shape.ContiguousStrides(), 0, retain: false);

    /// <summary>Size of each axis.</summary>
    public Shape Shape { get; }

    /// <summary>Number of axes; 0 for a scalar.</summary>
    public int Rank => Shape.Rank;

    /// <summary>Number of elements.</summary>
    public int Size => Shape.Size;

    /// <summary>Element type, that of the storage.</summary>
    public DType DType => Storage.DType;

    /// <summary>The device holding the storage.</summary>
    public Device Device => Storage.Device;

    /// <summary>Element strides per axis (0 for broadcast axes).</summary>
    public ReadOnlySpan<int> Strides => _strides;

    internal int[] StrideArray => _strides;

    /// <summary>Element offset of the first element in the storage.</summary>
    public int Offset { get; }

    /// <summary>The reference-counted memory this view reads, shared with every other view of it.</summary>
    /// <exception cref="DisposedTensorException">the tensor was disposed.</exception>
    public Storage Storage => _storage ?? throw new DisposedTensorException($"tensor of shape {Shape} was disposed");

    /// <summary>True after <see cref="Dispose"/>; only <see cref="Shape"/> and <see cref="ToString"/> remain usable.</summary>
    public bool IsDisposed => _storage is null;

    /// <summary>True when elements are laid out densely in row-major order from <see cref="Offset"/>.</summary>
    public bool IsContiguous
    {
        get
        {
            var expected = 1;
            for (var i = Rank - 1; i >= 0; i--)
            {
                if (Shape[i] != 1 && _strides[i] != expected) return false;
                expected *= Shape[i];
            }
            return true;
        }
    }

    /// <summary>Leaf tensors that require gradients receive <see cref="Grad"/> from <see cref="Backward"/>.</summary>
    public bool RequiresGrad
    {
        get => _requiresGrad || Node is not null;
        set
        {
            if (Node is not null && !value) throw new AutogradException("cannot clear RequiresGrad on a tensor computed by a recorded op; use Detach()");
            if (value && !DType.IsFloating()) throw new DTypeException($"only floating tensors can require gradients, not {DType.Name()}");
            _requiresGrad = value;
        }
    }

    /// <summary>True when no recorded op produced this tensor (created directly, detached, or computed without gradients).</summary>
    public bool IsLeaf => Node is null;

    /// <summary>Accumulated gradient of a leaf after <see cref="Backward"/>; owned by this tensor.</summary>
    public Tensor? Grad { get; internal set; }

    /// <summary>The recorded op that produced this tensor, when gradients flow through it.</summary>
    internal GradNode? Node { get; set; }

    /// <summary>Set when a tensor that gradients flow through is disposed, so a backward pass names it instead of skipping it.</summary>
    internal bool DisposedInGraph { get; private set; }

    /// <summary>Pointer to the first element of a host tensor, for kernels: only inside a kernel call (see
    /// <see cref="HostAccess"/>), where the op keeps the memory alive. Application code uses <see cref="LeaseHost{T}"/>.</summary>
    /// <exception cref="HostAccessException">called outside a kernel call.</exception>
    public unsafe T* HostPointer<T>() where T : unmanaged
    {
        HostAccess.ThrowIfOutside("Tensor.HostPointer/HostSpan/HostExtent");
        return (T*)Host<T>().Pointer + Offset;
    }

    /// <summary>The elements of a contiguous host tensor as a span, for kernels; as <see cref="HostPointer{T}"/>.</summary>
    public unsafe Span<T> HostSpan<T>() where T : unmanaged
    {
        RequireContiguous();
        return new Span<T>(HostPointer<T>(), Size);
    }

    /// <summary>The elements from this view's first to its last addressed one, for kernels that hand a strided view to
    /// code taking a span and leading dimensions (a BLAS call), which can then check every access against it; as
    /// <see cref="HostPointer{T}"/>.</summary>
    public unsafe Span<T> HostExtent<T>() where T : unmanaged
    {
        var length = 0L;
        if (Size > 0)
        {
            length = 1;
            for (var i = 0; i < Rank; i++) length += (long)(Shape[i] - 1) * _strides[i];
        }
        return new Span<T>(HostPointer<T>(), (int)length); // within the storage (ViewBounds), so within int
    }

    /// <summary>Access to this contiguous host tensor's elements that holds its memory until the lease is disposed.</summary>
    public HostLease<T> LeaseHost<T>() where T : unmanaged
    {
        RequireContiguous();
        return new HostLease<T>(Host<T>(), Offset, Size);
    }

    private HostStorage Host<T>() where T : unmanaged
    {
        if (Storage is not HostStorage host) throw new DeviceException($"tensor is on {Device}, not the host");
        if (DTypeExtensions.Of<T>() != DType) throw new DTypeException($"tensor holds {DType.Name()}, not {typeof(T).Name}");
        return host;
    }

    private void RequireContiguous()
    {
        if (!IsContiguous) throw new ShapeException($"tensor of shape {Shape} is not contiguous; call Contiguous() first");
    }

    /// <summary>Releases this view's hold on the storage and its gradient. Idempotent.</summary>
    public void Dispose()
    {
        var storage = Interlocked.Exchange(ref _storage, null);
        if (storage is null) return;
        DisposedInGraph = RequiresGrad;
        storage.Release();
        Grad?.Dispose();
        Grad = null;
        Node = null;
    }

    /// <summary>A new view of the same elements with no autodiff history.</summary>
    public Tensor Detach() => new(Storage, Shape, _strides, Offset, retain: true);

    /// <summary>Shape, dtype, device and, for host tensors of up to 64 elements, the values.</summary>
    public override string ToString()
    {
        if (IsDisposed) return $"Tensor(disposed, shape={Shape})";
        var sb = new StringBuilder($"Tensor(shape={Shape}, dtype={DType.Name()}, device={Device}");
        if (RequiresGrad) sb.Append(", requires_grad");
        sb.Append(")");
        if (Size <= 64 && Device.IsCpu)
        {
            sb.Append(' ').Append('[');
            sb.Append(string.Join(", ", ToDoubleArray().Select(v => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture))));
            sb.Append(']');
        }
        return sb.ToString();
    }
}
