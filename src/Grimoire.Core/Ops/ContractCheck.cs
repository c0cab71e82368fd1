using Grimoire.Kernels;

namespace Grimoire.Ops;

/// <summary>Checks that the operands handed to a kernel are what <see cref="OpContracts"/> promises for its op: their
/// number, dtypes, devices and layouts, and every size the attributes state against the tensors' own. Kernels index by
/// the attributes, so this is what keeps a wrong size from reaching unsafe or native code. Every dispatch runs it (a few
/// comparisons per operand), and so does <see cref="Kernel.Run"/> for callers that prepare operands themselves.</summary>
internal static class ContractCheck
{
    /// <exception cref="ShapeException">an operand or attribute breaks the op's contract (the message names which).</exception>
    /// <exception cref="DeviceException">an operand is on another device than the output.</exception>
    public static void Operands(string op, ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var c = new Contract(op);
        foreach (var t in inputs)
        {
            if (t.Device != output.Device) throw new DeviceException($"{op} kernel: an operand is on {t.Device}, the output on {output.Device}");
        }
        switch (op)
        {
            case OpNames.Neg or OpNames.Exp or OpNames.Log or OpNames.Sqrt or OpNames.Abs or OpNames.Tanh or OpNames.Sigmoid or OpNames.Relu or OpNames.LeakyRelu
                or OpNames.Sin or OpNames.Cos or OpNames.Log1p or OpNames.Expm1 or OpNames.Erf or OpNames.Gelu or OpNames.Silu or OpNames.Softplus or OpNames.Clamp:
                c.Count(inputs, 1);
                if (op == OpNames.LeakyRelu) c.Attributes<UnaryAttributes>(attributes);
                if (op == OpNames.Gelu) c.Attributes<GeluAttributes>(attributes);
                if (op == OpNames.Softplus) c.Attributes<SoftplusAttributes>(attributes);
                if (op == OpNames.Clamp) c.Attributes<ClampAttributes>(attributes);
                c.Dense(inputs[0], "input", output.Shape, output.DType);
                c.Dense(output, "output", output.Shape, output.DType);
                break;
            case OpNames.Add or OpNames.Sub or OpNames.Mul or OpNames.Div or OpNames.Maximum or OpNames.Pow or OpNames.Minimum
                or OpNames.Eq or OpNames.Ne or OpNames.Lt or OpNames.Le or OpNames.Gt or OpNames.Ge or OpNames.Where:
                c.Count(inputs, op == OpNames.Where ? 3 : 2);
                foreach (var t in inputs) c.Strided(t, "input", output.Shape, output.DType);
                c.Dense(output, "output", output.Shape, output.DType);
                break;
            case OpNames.Sum or OpNames.Max or OpNames.ArgMax:
            {
                c.Count(inputs, 1);
                var r = c.Attributes<ReduceAttributes>(attributes);
                c.Elements(inputs[0], "input", inputs[0].DType, c.Product(r.Outer, r.Length, r.Inner));
                c.Elements(output, "output", op == OpNames.ArgMax ? DType.Int32 : inputs[0].DType, c.Product(r.Outer, r.Inner));
                break;
            }
            case OpNames.Copy:
                c.Count(inputs, 1);
                c.Strided(inputs[0], "input", output.Shape, output.DType);
                break;
            case OpNames.Cast:
                c.Count(inputs, 1);
                if (attributes is not DType to || to != output.DType) c.Fail($"attributes {attributes ?? "null"} do not name the output dtype {output.DType.Name()}");
                c.Dense(inputs[0], "input", output.Shape, inputs[0].DType);
                c.Dense(output, "output", output.Shape, output.DType);
                break;
            case OpNames.Concat:
            {
                var a = c.Attributes<ConcatAttributes>(attributes);
                c.Count(inputs, a.Sizes.Length);
                var total = 0L;
                for (var i = 0; i < inputs.Length; i++)
                {
                    c.Elements(inputs[i], $"input {i}", output.DType, c.Product(a.Outer, a.Sizes[i], a.Inner));
                    total += a.Sizes[i];
                }
                c.Elements(output, "output", output.DType, c.Product(a.Outer, total, a.Inner));
                break;
            }
            case OpNames.Gather or OpNames.ScatterAdd:
            {
                c.Count(inputs, 2);
                var a = c.Attributes<AxisAttributes>(attributes);
                var k = c.IndexVector(inputs[1]);
                var (source, target) = op == OpNames.Gather ? (a.Length, k) : (k, a.Length);
                c.Elements(inputs[0], "input", output.DType, c.Product(a.Outer, source, a.Inner));
                c.Elements(output, "output", output.DType, c.Product(a.Outer, target, a.Inner));
                break;
            }
            case OpNames.Unfold or OpNames.Fold:
            {
                c.Count(inputs, 1);
                var g = c.Attributes<UnfoldGeometry>(attributes);
                var (image, columns) = (Image(g), new Shape(g.Batch, g.Rows, g.Columns));
                c.Dense(inputs[0], "input", op == OpNames.Unfold ? image : columns, output.DType);
                c.Dense(output, "output", op == OpNames.Unfold ? columns : image, output.DType);
                break;
            }
            case OpNames.Conv2d or OpNames.Conv2dBackwardInput or OpNames.Conv2dBackwardWeight:
            {
                var a = c.Attributes<ConvAttributes>(attributes);
                var (image, weight, result) = (a.InputShape, a.WeightShape, a.OutputShape);
                if (op == OpNames.Conv2d)
                {
                    if (inputs.Length is not (2 or 3)) c.Fail($"{inputs.Length} operands, expected 2 or 3");
                    c.Dense(inputs[0], "input", image, output.DType);
                    c.Dense(inputs[1], "weight", weight, output.DType);
                    if (inputs.Length == 3) c.Dense(inputs[2], "bias", new Shape(a.OutChannels), output.DType);
                    c.Dense(output, "output", result, output.DType);
                    break;
                }
                c.Count(inputs, 2);
                c.Dense(inputs[0], "gradient", result, output.DType);
                if (op == OpNames.Conv2dBackwardInput)
                {
                    c.Dense(inputs[1], "weight", weight, output.DType);
                    c.Dense(output, "output", image, output.DType);
                }
                else
                {
                    c.Dense(inputs[1], "input", image, output.DType);
                    c.Dense(output, "output", weight, output.DType);
                }
                break;
            }
            case OpNames.MaxPool2d or OpNames.MaxPool2dBackward:
            {
                var g = c.Attributes<UnfoldGeometry>(attributes);
                c.PoolingWindow(g);
                var pooled = new Shape(g.Batch, g.Channels, g.OutHeight, g.OutWidth);
                if (op == OpNames.MaxPool2d)
                {
                    c.Count(inputs, 1);
                    c.Dense(inputs[0], "input", Image(g), output.DType);
                    c.Dense(output, "output", pooled, output.DType);
                }
                else
                {
                    c.Count(inputs, 3);
                    c.Dense(inputs[0], "gradient", pooled, output.DType);
                    c.Dense(inputs[1], "input", Image(g), output.DType);
                    c.Dense(inputs[2], "pooled output", pooled, output.DType);
                    c.Dense(output, "output", Image(g), output.DType);
                }
                break;
            }
            case OpNames.MatMul:
            {
                c.Count(inputs, 2);
                var s = c.Attributes<MatMulAttributes>(attributes);
                c.Matrix(inputs[0], "A", s.Batch, s.M, s.K, output.DType);
                c.Matrix(inputs[1], "B", s.Batch, s.K, s.N, output.DType);
                c.Elements(output, "output", output.DType, c.Product(s.Batch, s.M, s.N));
                break;
            }
            case OpNames.Linear:
            {
                if (inputs.Length is not (2 or 3)) c.Fail($"{inputs.Length} operands, expected 2 or 3");
                var s = c.Attributes<LinearAttributes>(attributes);
                if (!Enum.IsDefined(s.Activation)) c.Fail($"activation {(int)s.Activation} is not defined");
                c.Dense(inputs[0], "input", new Shape(1, s.M, s.K), output.DType);
                c.Matrix(inputs[1], "weight", 1, s.K, s.N, output.DType);
                if (inputs.Length == 3) c.Dense(inputs[2], "bias", new Shape(s.N), output.DType);
                c.Elements(output, "output", output.DType, c.Product(s.M, s.N));
                break;
            }
            case OpNames.Softmax or OpNames.LogSoftmax:
            {
                c.Count(inputs, 1);
                var r = c.Attributes<ReduceAttributes>(attributes);
                if (r.Inner != 1) c.Fail($"inner size {r.Inner}, rows are normalised with inner = 1");
                c.Elements(inputs[0], "input", output.DType, c.Product(r.Outer, r.Length));
                c.Elements(output, "output", output.DType, c.Product(r.Outer, r.Length));
                break;
            }
            case OpNames.CrossEntropy:
            {
                LogitsAndClassIndices(c, inputs, output.DType, "labels");
                c.Elements(output, "output", output.DType, 1);
                break;
            }
            case OpNames.Mse:
                c.Count(inputs, 2);
                c.Dense(inputs[0], "prediction", inputs[0].Shape, output.DType);
                c.Dense(inputs[1], "target", inputs[0].Shape, output.DType);
                c.Elements(output, "output", output.DType, 1);
                break;
            case OpNames.CumSum:
            {
                c.Count(inputs, 1);
                var s = c.Attributes<ScanAttributes>(attributes);
                var size = c.Product(s.Outer, s.Length, s.Inner);
                c.Elements(inputs[0], "input", output.DType, size);
                c.Elements(output, "output", output.DType, size);
                break;
            }
            case OpNames.AvgPool2d or OpNames.AvgPool2dBackward:
            {
                c.Count(inputs, 1);
                var g = c.Attributes<AvgPoolAttributes>(attributes).Window;
                c.PoolingWindow(g);
                var pooled = new Shape(g.Batch, g.Channels, g.OutHeight, g.OutWidth);
                c.Dense(inputs[0], op == OpNames.AvgPool2d ? "input" : "gradient", op == OpNames.AvgPool2d ? Image(g) : pooled, output.DType);
                c.Dense(output, "output", op == OpNames.AvgPool2d ? pooled : Image(g), output.DType);
                break;
            }
            case OpNames.LayerNorm:
            {
                c.Count(inputs, 3);
                var a = c.Attributes<LayerNormAttributes>(attributes);
                if (!(a.Epsilon > 0)) c.Fail($"epsilon {a.Epsilon} is not positive");
                c.Elements(inputs[0], "input", output.DType, c.Product(a.Rows, a.Cols));
                c.Elements(inputs[1], "weight", output.DType, c.Product(a.Cols));
                c.Elements(inputs[2], "bias", output.DType, c.Product(a.Cols));
                c.Elements(output, "output", output.DType, c.Product(a.Rows, a.Cols));
                break;
            }
            case OpNames.NormalLogProb:
                c.Count(inputs, 3);
                foreach (var t in inputs) c.Strided(t, "input", output.Shape, output.DType);
                c.Dense(output, "output", output.Shape, output.DType);
                break;
            case OpNames.CategoricalLogProb:
            {
                LogitsAndClassIndices(c, inputs, output.DType, "actions");
                c.Dense(output, "output", new Shape(inputs[0].Shape[0]), output.DType);
                break;
            }
            case OpNames.AdamUpdate:
                c.Count(inputs, 4);
                c.Attributes<AdamAttributes>(attributes);
                if (!ReferenceEquals(inputs[0], output)) c.Fail("the output is not the param operand itself (the update is in place)");
                foreach (var t in inputs) c.Dense(t, "operand", output.Shape, output.DType);
                break;
            case OpNames.LstmCell or OpNames.GruCell:
            {
                c.Count(inputs, 3);
                var a = c.Attributes<RecurrentCellAttributes>(attributes);
                var gates = op == OpNames.LstmCell ? 4 : 3;
                c.Dense(inputs[0], "input gates", c.CellRows(a, gates), output.DType);
                c.Dense(inputs[1], "hidden gates", c.CellRows(a, gates), output.DType);
                c.Dense(inputs[2], "previous state", c.CellRows(a, 1), output.DType);
                c.Dense(output, "output", new Shape(gates + (op == OpNames.LstmCell ? 2 : 1), a.Batch, a.Hidden), output.DType);
                break;
            }
            case OpNames.LstmCellBackward:
            {
                c.Count(inputs, 4);
                var a = c.Attributes<RecurrentCellAttributes>(attributes);
                c.Dense(inputs[0], "gradient of h", c.CellRows(a, 1), output.DType);
                c.Dense(inputs[1], "gradient of c", c.CellRows(a, 1), output.DType);
                c.Dense(inputs[2], "previous cell state", c.CellRows(a, 1), output.DType);
                c.Dense(inputs[3], "saved forward output", new Shape(6, a.Batch, a.Hidden), output.DType);
                c.Dense(output, "output", c.CellRows(a, 5), output.DType);
                break;
            }
            case OpNames.GruCellBackward:
            {
                c.Count(inputs, 4);
                var a = c.Attributes<RecurrentCellAttributes>(attributes);
                c.Dense(inputs[0], "gradient of h", c.CellRows(a, 1), output.DType);
                c.Dense(inputs[1], "previous state", c.CellRows(a, 1), output.DType);
                c.Dense(inputs[2], "hidden gates", c.CellRows(a, 3), output.DType);
                c.Dense(inputs[3], "saved forward output", new Shape(4, a.Batch, a.Hidden), output.DType);
                c.Dense(output, "output", c.CellRows(a, 7), output.DType);
                break;
            }
            case OpNames.Attention:
            {
                c.Count(inputs, 3);
                var a = c.AttentionSizes(attributes);
                c.HeadRows(inputs[0], "queries", new Shape(a.Batch, a.Heads, a.QueryLength, a.HeadDim), output.DType);
                c.HeadRows(inputs[1], "keys", new Shape(a.Batch, a.Heads, a.KeyLength, a.HeadDim), output.DType);
                c.HeadRows(inputs[2], "values", new Shape(a.Batch, a.Heads, a.KeyLength, a.HeadDim), output.DType);
                c.Dense(output, "output", new Shape((int)a.SavedElements), output.DType);
                break;
            }
            case OpNames.AttentionBackward:
            {
                c.Count(inputs, 5);
                var a = c.AttentionSizes(attributes);
                if (a.QueryLength != a.KeyLength) c.Fail($"{a.QueryLength} queries over {a.KeyLength} keys; the backward op takes self-attention");
                var heads = new Shape(a.Batch, a.Heads, a.QueryLength, a.HeadDim);
                c.Dense(inputs[0], "gradient", new Shape(a.Batch, a.QueryLength, a.Heads, a.HeadDim), output.DType);
                c.HeadRows(inputs[1], "queries", heads, output.DType);
                c.HeadRows(inputs[2], "keys", heads, output.DType);
                c.HeadRows(inputs[3], "values", heads, output.DType);
                c.Dense(inputs[4], "probabilities", new Shape(a.Batch, a.Heads, a.QueryLength, a.KeyLength), output.DType);
                c.Dense(output, "output", new Shape(a.Batch, a.QueryLength, 3, a.Heads, a.HeadDim), output.DType);
                break;
            }
            case OpNames.GeluBackward:
                c.Count(inputs, 2);
                c.Attributes<GeluAttributes>(attributes);
                foreach (var t in inputs) c.Strided(t, "input", output.Shape, output.DType);
                c.Dense(output, "output", output.Shape, output.DType);
                break;
            default:
                c.Fail("the op has no contract, so no kernel may run for it");
                break;
        }
    }

    /// <summary>The labels of cross_entropy, the actions of categorical_log_prob and the indices of gather and scatter_add, read back from their device: for
    /// callers that hand a kernel operands an op has not checked (kernels index memory by these values).</summary>
    public static void IndexValues(string op, ReadOnlySpan<Tensor> inputs, object? attributes)
    {
        switch (op)
        {
            case OpNames.Gather or OpNames.ScatterAdd: Tensor.CheckIndices(op, inputs[1], ((AxisAttributes)attributes!).Length); break;
            case OpNames.CrossEntropy or OpNames.CategoricalLogProb: Tensor.CheckIndices(op, inputs[1], inputs[0].Shape[1]); break;
        }
    }

    /// <summary>Dense logits [n, classes] and one dense int32 class index per row (labels, actions).</summary>
    private static void LogitsAndClassIndices(Contract c, ReadOnlySpan<Tensor> inputs, DType dtype, string indexName)
    {
        c.Count(inputs, 2);
        var logits = inputs[0];
        if (logits.Rank != 2) c.Fail($"logits of shape {logits.Shape}, expected [n, classes]");
        c.Dense(logits, "logits", logits.Shape, dtype);
        c.Dense(inputs[1], indexName, new Shape(logits.Shape[0]), DType.Int32);
    }

    private static Shape Image(UnfoldGeometry g) => new(g.Batch, g.Channels, g.Height, g.Width);

    /// <summary>One check's context: the op, for messages.</summary>
    private readonly struct Contract(string op)
    {
        [System.Diagnostics.CodeAnalysis.DoesNotReturn]
        public void Fail(string problem) => throw new ShapeException($"{op} kernel operands break the op's contract: {problem}");

        public void Count(ReadOnlySpan<Tensor> inputs, int expected)
        {
            if (inputs.Length != expected) Fail($"{inputs.Length} operands, expected {expected}");
        }

        public T Attributes<T>(object? attributes) where T : class
        {
            if (attributes is T typed) return typed;
            Fail($"attributes {attributes?.GetType().Name ?? "null"}, expected {typeof(T).Name}");
            return null!;
        }

        /// <summary>[batch, width·hidden], the rows of a recurrent cell's operand with <paramref name="width"/> blocks of units,
        /// checked to fit int elements.</summary>
        public Shape CellRows(RecurrentCellAttributes a, int width)
        {
            if (Product(a.Batch, 7L * a.Hidden) > int.MaxValue) Fail($"batch {a.Batch} x hidden {a.Hidden} gives operands beyond {int.MaxValue} elements");
            return new Shape(a.Batch, width * a.Hidden);
        }

        /// <summary>Attention sizes that are positive (batch may be 0), a non-negative offset, a finite scale, and operands of
        /// at most int elements (the output and the probabilities together).</summary>
        public AttentionAttributes AttentionSizes(object? attributes)
        {
            var a = Attributes<AttentionAttributes>(attributes);
            if (a.Batch < 0 || a.Heads < 1 || a.QueryLength < 1 || a.KeyLength < 1 || a.HeadDim < 1)
                Fail($"batch {a.Batch}, heads {a.Heads}, queries {a.QueryLength}, keys {a.KeyLength}, head_dim {a.HeadDim}: all but the batch must be at least 1");
            if (a.Offset < 0) Fail($"offset {a.Offset} is negative");
            if (!double.IsFinite(a.Scale)) Fail($"scale {a.Scale} is not finite");
            if (a.SavedElements > int.MaxValue || Product(a.Batch, a.KeyLength, 3L * a.Heads * a.HeadDim) > int.MaxValue)
                Fail($"operands beyond {int.MaxValue} elements");
            return a;
        }

        /// <summary>An attention operand [b, heads, t, d] read row by row: unit stride along d, rows that do not overlap, and
        /// non-negative batch and head strides (any otherwise, so views of a packed projection qualify).</summary>
        public void HeadRows(Tensor t, string name, Shape shape, DType dtype)
        {
            Strided(t, name, shape, dtype);
            var s = t.Strides;
            if (shape[3] > 1 && s[3] != 1) Fail($"{name} have stride {s[3]} along head_dim, expected 1");
            if (shape[2] > 1 && s[2] < shape[3]) Fail($"{name} have row stride {s[2]}, below head_dim {shape[3]}");
            if (s[0] < 0 || s[1] < 0) Fail($"{name} have negative strides [{string.Join(", ", s.ToArray())}]");
        }

        /// <summary>Pooling kernels take square, undilated windows.</summary>
        public void PoolingWindow(UnfoldGeometry g)
        {
            if (g.KernelHeight != g.KernelWidth) Fail($"pooling window {g.KernelHeight}x{g.KernelWidth} is not square");
            if (g.Dilation != 1) Fail($"pooling window with dilation {g.Dilation}, expected 1");
        }

        /// <summary>A product of non-negative sizes in 64 bits.</summary>
        public long Product(params ReadOnlySpan<long> sizes)
        {
            var p = 1L;
            foreach (var s in sizes)
            {
                if (s < 0) Fail($"negative size {s} in the attributes");
                p = s == 0 || p == 0 ? 0 : p > long.MaxValue / s ? long.MaxValue : p * s;
            }
            return p;
        }

        /// <summary>A contiguous operand of exactly this shape and dtype.</summary>
        public void Dense(Tensor t, string name, Shape shape, DType dtype)
        {
            Strided(t, name, shape, dtype);
            if (!t.IsContiguous) Fail($"{name} of shape {t.Shape} is not contiguous");
        }

        /// <summary>An operand of this shape and dtype, any strides.</summary>
        public void Strided(Tensor t, string name, Shape shape, DType dtype)
        {
            if (t.Shape != shape) Fail($"{name} has shape {t.Shape}, expected {shape}");
            OfType(t, name, dtype);
        }

        /// <summary>A contiguous operand of this many elements (its shape is the op's business).</summary>
        public void Elements(Tensor t, string name, DType dtype, long count)
        {
            OfType(t, name, dtype);
            if (t.Size != count) Fail($"{name} of shape {t.Shape} holds {t.Size} elements, the attributes say {count}");
            if (!t.IsContiguous) Fail($"{name} of shape {t.Shape} is not contiguous");
        }

        /// <summary>A matmul operand [batch, rows, cols] whose matrices are row- or column-major.</summary>
        public void Matrix(Tensor t, string name, int batch, int rows, int cols, DType dtype)
        {
            Strided(t, name, new Shape(batch, rows, cols), dtype);
            if (MatMulOperand.TryLayout(rows, cols, t.Strides[1], t.Strides[2]) is null)
                Fail($"{name} of shape {t.Shape} with strides [{string.Join(", ", t.Strides.ToArray())}] is neither row- nor column-major");
        }

        /// <summary>A contiguous int32 vector of indices; returns its length.</summary>
        public int IndexVector(Tensor t)
        {
            if (t.Rank != 1) Fail($"indices of shape {t.Shape}, expected a vector");
            Dense(t, "indices", t.Shape, DType.Int32);
            return t.Size;
        }

        private void OfType(Tensor t, string name, DType dtype)
        {
            if (t.DType != dtype) Fail($"{name} is {t.DType.Name()}, expected {dtype.Name()}");
        }
    }
}
