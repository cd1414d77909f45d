namespace Tern.Lab.Tests;

/// <summary>Small matrix configs that overlap tests/fixtures/outcomes.jsonl.</summary>
internal static class MatrixConfigs
{
    /// <summary>pseries-5.2 between 5.2 and 7.2 both ways with back hops, plus 7.2's own pseries-7.2 and a cap-cfpc=fixed source.</summary>
    public const string Pseries = """
        arch: ppc64
        versions: [5.2, 7.2]
        machines: [pseries-5.2, pseries-7.2]
        variants:
          - name: default
          - name: cfpc-fixed
            source: { machine: cap-cfpc=fixed }
        directions: [same, all]
        backHop: true
        transport: file
        """;

    /// <summary>virt-5.2 with cortex-a57 and max, same version and n-1 → n over 5.2, 7.2, 10.0.2.</summary>
    public const string Virt = """
        versions: [5.2, 7.2, 10.0.2]
        machines: [virt-5.2]
        cpus: [cortex-a57, max]
        directions: [same, n-1->n]
        """;

    /// <summary>Two same-version cells (cheap).</summary>
    public const string Tiny = """
        versions: [7.2, 10.0.13]
        machines: [pseries-7.2]
        directions: [same, n-1->n, n->n-1]
        """;

    public static string Write(string dir, string name, string yaml)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, yaml);
        return path;
    }
}
