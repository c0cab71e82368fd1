namespace Grimoire.Imaging;

/// <summary>Plain-text table with columns as wide as their widest cell: readable in a terminal and
/// stable to grep in logs and tests. Columns listed in <paramref name="rightAligned"/> are numbers.</summary>
public sealed class TextTable(string[] header, params int[] rightAligned)
{
    private readonly List<string[]> _rows = [];

    /// <summary>Appends a row of one cell per column.</summary>
    /// <exception cref="ArgumentException">a cell count other than the header's.</exception>
    public void Add(params string[] cells)
    {
        if (cells.Length != header.Length) throw new ArgumentException($"row has {cells.Length} cells, the table has {header.Length} columns", nameof(cells));
        _rows.Add(cells);
    }

    /// <summary>Writes the header and then the rows, one line each, columns two spaces apart and trailing spaces trimmed.</summary>
    public void WriteTo(TextWriter output)
    {
        var widths = header.Select((h, c) => _rows.Select(r => r[c].Length).Append(h.Length).Max()).ToArray();
        foreach (var row in _rows.Prepend(header))
        {
            var cells = row.Select((cell, c) => rightAligned.Contains(c) ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]));
            output.WriteLine(string.Join("  ", cells).TrimEnd());
        }
    }
}
