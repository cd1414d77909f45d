using System.Reflection;
using System.Text;

namespace Tern.Cli.Reports;

/// <summary>The HTML reports' style sheets and scripts: files under Reports/Assets, embedded in the assembly and inlined into each page.</summary>
internal static class ReportAssets
{
    /// <summary>The text of the asset <paramref name="name"/> (e.g. <c>matrix.css</c>).</summary>
    public static string Read(string name)
    {
        using var s = Assembly.GetExecutingAssembly().GetManifestResourceStream("Tern.Cli.Reports.Assets." + name)
            ?? throw new InvalidOperationException($"embedded report asset {name} is missing");
        using var r = new StreamReader(s, Encoding.UTF8);
        return r.ReadToEnd();
    }
}
