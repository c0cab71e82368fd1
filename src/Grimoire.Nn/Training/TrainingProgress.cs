using System.Diagnostics;

namespace Grimoire.Nn.Training;

/// <summary>How <see cref="Trainer"/> and <see cref="ProgressReport"/> report progress.</summary>
public enum ProgressStyle
{
    /// <summary>A bar when the writer is the console's standard output or error and that stream is a terminal, plain
    /// lines otherwise (logs, CI, pipes).</summary>
    Auto,

    /// <summary>One plain line per epoch, nothing in between: stable output for logs and tests.</summary>
    Lines,

    /// <summary>A bar redrawn in place with a carriage return during each epoch, then the epoch's plain line.</summary>
    Bar,
}

/// <summary>Writes training progress. Plain lines are the contract for redirected output; the bar only adds
/// carriage-return-updated text in between, and each epoch still ends with the same plain line.</summary>
internal sealed class TrainingProgress(TextWriter writer, bool bar)
{
    private const int Width = 30;
    private static readonly long RedrawTicks = Stopwatch.Frequency / 10;
    private long _lastDraw;
    private int _drawnLength;

    public static TrainingProgress For(TextWriter writer, ProgressStyle style) => new(writer, style switch
    {
        ProgressStyle.Bar => true,
        ProgressStyle.Lines => false,
        _ => (ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected) || (ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected),
    });

    /// <summary>Redraws the bar after a batch (at most ten times a second, and always on the last batch); without a
    /// known batch count it shows the batch number alone.</summary>
    public void Batch(int epoch, int epochs, int batch, int? batches, double meanLoss)
    {
        if (!bar) return;
        var now = Stopwatch.GetTimestamp();
        if (batch != batches && now - _lastDraw < RedrawTicks) return;
        _lastDraw = now;
        var filled = batches is { } n ? Width * batch / n : 0;
        var position = batches is null ? $"batch {batch}" : $"[{new string('#', filled)}{new string('.', Width - filled)}] {batch}/{batches}";
        Draw(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"epoch {epoch,4}/{epochs} {position}  loss {meanLoss:F4}"));
    }

    /// <summary>Writes a finished line, replacing the bar when one is drawn.</summary>
    public void Line(string line)
    {
        if (bar && _drawnLength > 0)
        {
            Draw(line);
            _drawnLength = 0;
            writer.WriteLine();
        }
        else writer.WriteLine(line);
        writer.Flush();
    }

    private void Draw(string text)
    {
        writer.Write('\r' + text.PadRight(_drawnLength));
        _drawnLength = text.Length;
        writer.Flush();
    }
}
