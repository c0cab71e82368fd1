namespace Grimoire.Ops;

/// <summary>Names of the ops that run through kernels. Every one has a reference kernel per dtype it
/// accepts (a test enforces it). Composite ops (mean, sub-graphs) and pure views (reshape, permute,
/// expand, slice) have no kernel of their own.</summary>
public static class OpNames
{
    /// <summary>Elementwise functions of one operand (leaky_relu takes its slope as <see cref="UnaryAttributes"/>).</summary>
    public const string Neg = "neg", Exp = "exp", Log = "log", Sqrt = "sqrt", Abs = "abs", Tanh = "tanh",
        Sigmoid = "sigmoid", Relu = "relu", LeakyRelu = "leaky_relu";

    /// <summary>Elementwise functions with PyTorch's semantics; gelu, softplus and clamp take attribute records.</summary>
    public const string Sin = "sin", Cos = "cos", Log1p = "log1p", Expm1 = "expm1", Erf = "erf", Gelu = "gelu", Silu = "silu",
        Softplus = "softplus", Clamp = "clamp";

    /// <summary>Broadcasting arithmetic on two operands.</summary>
    public const string Add = "add", Sub = "sub", Mul = "mul", Div = "div", Maximum = "maximum", Pow = "pow";

    /// <summary>Broadcasting elementwise minimum (NaN propagates).</summary>
    public const string Minimum = "minimum";

    /// <summary>Broadcasting comparisons, giving 1/0 masks, and selection by a mask.</summary>
    public const string Eq = "eq", Ne = "ne", Lt = "lt", Le = "le", Gt = "gt", Ge = "ge", Where = "where";

    /// <summary>Reductions over [outer, length, inner] views.</summary>
    public const string Sum = "sum", Max = "max", ArgMax = "argmax";

    /// <summary>Data movement: strided copy, dtype conversion, concatenation, index select and its adjoint.</summary>
    public const string Copy = "copy", Cast = "cast", Concat = "concat", Gather = "gather", ScatterAdd = "scatter_add";

    /// <summary>im2col and col2im, which the convolutions decompose into where a device has no convolution kernel.</summary>
    public const string Unfold = "unfold", Fold = "fold";

    /// <summary>2-D convolution (with bias) and its gradients with respect to the input and to the weight.</summary>
    public const string Conv2d = "conv2d", Conv2dBackwardInput = "conv2d_backward_input", Conv2dBackwardWeight = "conv2d_backward_weight";

    /// <summary>2-D max pooling and its gradient.</summary>
    public const string MaxPool2d = "max_pool2d", MaxPool2dBackward = "max_pool2d_backward";

    /// <summary>Cumulative sum along one axis.</summary>
    public const string CumSum = "cumsum";

    /// <summary>2-D average pooling and its gradient.</summary>
    public const string AvgPool2d = "avg_pool2d", AvgPool2dBackward = "avg_pool2d_backward";

    /// <summary>Matrix product and the fused kernels of layers and losses.</summary>
    public const string MatMul = "matmul", Linear = "linear", Softmax = "softmax", LogSoftmax = "log_softmax",
        CrossEntropy = "cross_entropy", Mse = "mse";

    /// <summary>Fused row normalisation and the log-probabilities of policies (Gaussian and categorical).</summary>
    public const string LayerNorm = "layer_norm", NormalLogProb = "normal_log_prob", CategoricalLogProb = "categorical_log_prob";

    /// <summary>One Adam/AdamW step on a parameter and its moments, in place.</summary>
    public const string AdamUpdate = "adam_update";

    /// <summary>Fused recurrent cells (gate nonlinearities and state update in one pass over the gate pre-activations) and
    /// their backward ops.</summary>
    public const string LstmCell = "lstm_cell", LstmCellBackward = "lstm_cell_backward", GruCell = "gru_cell", GruCellBackward = "gru_cell_backward";

    /// <summary>Fused scaled dot-product multi-head attention (scores, causal mask, softmax and the weighted sum of values in
    /// one op per head) and its backward op.</summary>
    public const string Attention = "attention", AttentionBackward = "attention_backward";

    /// <summary>gelu's gradient ∂y·gelu′(x) in one pass, instead of the nine ops of its formula.</summary>
    public const string GeluBackward = "gelu_backward";

    /// <summary>The unary ops: one contiguous input of the output's shape.</summary>
    public static readonly IReadOnlyList<string> Unary = [Neg, Exp, Log, Sqrt, Abs, Tanh, Sigmoid, Relu, LeakyRelu,
        Sin, Cos, Log1p, Expm1, Erf, Gelu, Silu, Softplus, Clamp];

    /// <summary>The broadcasting arithmetic ops.</summary>
    public static readonly IReadOnlyList<string> Binary = [Add, Sub, Mul, Div, Maximum, Pow,
        Minimum];

    /// <summary>The comparisons, which record no gradient.</summary>
    public static readonly IReadOnlyList<string> Compare = [Eq, Ne, Lt, Le, Gt, Ge];

    /// <summary>The reductions over one run of adjacent axes.</summary>
    public static readonly IReadOnlyList<string> Reductions = [Sum, Max, ArgMax];

    /// <summary>The data-movement ops.</summary>
    public static readonly IReadOnlyList<string> Movement = [Copy, Cast, Concat, Gather, ScatterAdd];

    /// <summary>im2col and its adjoint col2im (the convolutions' decomposition is unfold followed by a matmul).</summary>
    public static readonly IReadOnlyList<string> Unfolding = [Unfold, Fold];

    /// <summary>Convolution and its two gradients, each a GEMM over implicitly unfolded operands; the three are closed under
    /// differentiation (each one's gradients are the other two), so convolution is differentiable to any order.</summary>
    public static readonly IReadOnlyList<string> Convolution = [Conv2d, Conv2dBackwardInput, Conv2dBackwardWeight];

    /// <summary>Max pooling and its gradient (which routes each window's gradient to its maximum).</summary>
    public static readonly IReadOnlyList<string> Pooling = [MaxPool2d, MaxPool2dBackward];

    /// <summary>Cumulative sums along one axis, forward or reversed (suffix sums, for discounted returns).</summary>
    public static readonly IReadOnlyList<string> Scans = [CumSum];

    /// <summary>Average pooling and its gradient (each window's gradient shared equally by its pixels); both linear.</summary>
    public static readonly IReadOnlyList<string> AveragePooling = [AvgPool2d, AvgPool2dBackward];

    /// <summary>Kernels that do in one pass what would otherwise take several ops (dense layer, softmax, losses, normalisation).</summary>
    public static readonly IReadOnlyList<string> Fused = [Linear, Softmax, LogSoftmax, CrossEntropy, Mse, LayerNorm, NormalLogProb, CategoricalLogProb];

    /// <summary>The LSTM and GRU cells and their backward ops (book §31.3): one pass over a step's gates each way.</summary>
    public static readonly IReadOnlyList<string> Recurrent = [LstmCell, LstmCellBackward, GruCell, GruCellBackward];

    /// <summary>Scaled dot-product attention and its backward op (book §33).</summary>
    public static readonly IReadOnlyList<string> Attentions = [Attention, AttentionBackward];

    /// <summary>Gradients of activations fused into one elementwise pass over the incoming gradient and the input.</summary>
    public static readonly IReadOnlyList<string> ActivationGradients = [GeluBackward];

    /// <summary>Ops that update their operands in place (optimizer steps): never recorded on the tape.</summary>
    public static readonly IReadOnlyList<string> InPlace = [AdamUpdate];

    /// <summary>Ops whose fast CPU kernel is one ISA-independent "blocked" kernel instead of AVX-512/AVX2 variants:
    /// they move data in runs (block copies, vector adds) that already use the widest vectors, or, for pooling, pick
    /// one pixel per small window (with an extra AVX-512 kernel for the common 2x2 stride-2 window); average pooling sums small
    /// windows the same way, and cumsum is a memory-bound scan accumulating in double (Vector&lt;T&gt; widening).</summary>
    public static readonly IReadOnlyList<string> IsaIndependent = [Copy, Cast, Concat, Gather, Unfold, Fold, MaxPool2d, MaxPool2dBackward,
        .. Scans, .. AveragePooling];

    /// <summary>Every kernel op, in a stable order for listings.</summary>
    public static readonly IReadOnlyList<string> All =
        [.. Unary, .. Binary, .. Compare, Where, .. Reductions, .. Movement, .. Unfolding, .. Convolution, .. Pooling, MatMul, .. Fused, .. Scans, .. AveragePooling, .. InPlace, .. Recurrent, .. Attentions, .. ActivationGradients];

    /// <summary>Ops that record no gradient rule: comparisons and argmax (piecewise constant, so no gradient flows) and
    /// max pooling's backward op (a second derivative through max pooling is refused), the recurrent cells' backward ops
    /// (likewise: no second derivative through a fused cell), attention's and gelu's backward ops (a second derivative is
    /// taken through their composed rules instead), and the in-place updates. Every
    /// other op has a rule, and the test suite checks each of them against finite differences.</summary>
    public static readonly IReadOnlyList<string> WithoutGradient = [.. Compare, ArgMax, MaxPool2dBackward, LstmCellBackward, GruCellBackward, AttentionBackward, GeluBackward, .. InPlace];

    /// <summary>Ops whose results carry a gradient rule.</summary>
    public static readonly IReadOnlyList<string> Differentiable = [.. All.Except(WithoutGradient)];
}
