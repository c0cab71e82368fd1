namespace Grimoire.Bench.Reports;

/// <summary>Text escaped for HTML and SVG (XML) content and attribute values.</summary>
public static class Markup
{
    public static string Escape(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");
}
