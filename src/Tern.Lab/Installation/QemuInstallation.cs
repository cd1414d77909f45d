using System.Text.Json;

namespace Tern.Lab.Installation;

/// <summary>
/// One QEMU version installed side by side by scripts/install-qemu-lab.sh, as described by its
/// <c>&lt;lab&gt;/&lt;label&gt;/tern-lab.json</c>.
/// </summary>
public sealed record QemuInstallation
{
    /// <summary>The version label (directory name), e.g. <c>7.2</c> or <c>10.0.13</c>.</summary>
    public required string Label { get; init; }
    /// <summary>The Debian suite it came from.</summary>
    public string Suite { get; init; } = "";
    /// <summary>The Debian package version.</summary>
    public string DebianVersion { get; init; } = "";
    /// <summary>What <c>qemu-system-* -version</c> printed at install time.</summary>
    public string QemuVersion { get; init; } = "";
    /// <summary>The private root the packages were unpacked into.</summary>
    public string Root { get; init; } = "";
    /// <summary>The root's own dynamic loader (<c>ld-linux-x86-64.so.2</c>); empty for a binary run directly (<see cref="ForBinary"/>).</summary>
    public required string Loader { get; init; }
    /// <summary>Library directories passed to the loader's <c>--library-path</c>.</summary>
    public IReadOnlyList<string> LibraryPath { get; init; } = [];
    /// <summary>The firmware directory, passed to QEMU as <c>-L</c>.</summary>
    public string FirmwareDir { get; init; } = "";
    /// <summary>The module directory (<c>QEMU_MODULE_DIR</c>).</summary>
    public string ModuleDir { get; init; } = "";
    /// <summary>Real binaries per guest architecture (<c>ppc64</c>, <c>aarch64</c>).</summary>
    public IReadOnlyDictionary<string, string> Binaries { get; init; } = new Dictionary<string, string>();
    /// <summary>Wrapper scripts per guest architecture.</summary>
    public IReadOnlyDictionary<string, string> Wrappers { get; init; } = new Dictionary<string, string>();
    /// <summary>Environment variables the wrappers set.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    /// <summary>The directory holding tern-lab.json.</summary>
    public string Directory { get; init; } = "";

    /// <summary>The file name of the description in each installation directory.</summary>
    public const string DescriptionFileName = "tern-lab.json";

    /// <summary>The binary for <paramref name="arch"/>; throws <see cref="LabException"/> when this installation lacks it.</summary>
    public string BinaryFor(string arch)
    {
        ArgumentNullException.ThrowIfNull(arch);
        return Binaries.TryGetValue(arch, out var b) ? b
            : throw new LabException($"QEMU {Label} in {Directory} has no qemu-system-{arch} (it has: {string.Join(", ", Binaries.Keys)}); install it with scripts/install-qemu-lab.sh --arch-list {arch}");
    }

    /// <summary>
    /// A QEMU binary outside the lab (a system package, an own build, a lab wrapper script), run as it is: no loader,
    /// no <c>-L</c>. <paramref name="runDirectory"/> is where the process registry keeps its records.
    /// </summary>
    public static QemuInstallation ForBinary(string binary, string arch, string label, string runDirectory)
    {
        ArgumentNullException.ThrowIfNull(binary);
        return new QemuInstallation
        {
            Label = label,
            Loader = "",
            Binaries = new Dictionary<string, string> { [arch] = Path.GetFullPath(binary) },
            Directory = Path.Combine(runDirectory, "binary"),
        };
    }

    /// <summary>Reads one tern-lab.json.</summary>
    public static QemuInstallation Load(string descriptionFile)
    {
        ArgumentNullException.ThrowIfNull(descriptionFile);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(descriptionFile));
        var r = doc.RootElement;
        static string S(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
        static Dictionary<string, string> Map(JsonElement e, string name)
        {
            var d = new Dictionary<string, string>(StringComparer.Ordinal);
            if (e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object)
                foreach (var p in v.EnumerateObject())
                    if (p.Value.ValueKind == JsonValueKind.String) d[p.Name] = p.Value.GetString()!;
            return d;
        }
        var libs = new List<string>();
        if (r.TryGetProperty("libraryPath", out var lp) && lp.ValueKind == JsonValueKind.Array)
            foreach (var l in lp.EnumerateArray()) if (l.GetString() is { } s) libs.Add(s);
        var label = S(r, "label");
        var loader = S(r, "loader");
        if (label.Length == 0 || loader.Length == 0)
            throw new LabException($"{descriptionFile}: not a tern-lab.json (needs 'label' and 'loader')");
        return new QemuInstallation
        {
            Label = label,
            Suite = S(r, "suite"),
            DebianVersion = S(r, "debianVersion"),
            QemuVersion = S(r, "qemuVersion"),
            Root = S(r, "root"),
            Loader = loader,
            LibraryPath = libs,
            FirmwareDir = S(r, "firmwareDir"),
            ModuleDir = S(r, "moduleDir"),
            Binaries = Map(r, "binaries"),
            Wrappers = Map(r, "wrappers"),
            Environment = Map(r, "env"),
            Directory = Path.GetDirectoryName(Path.GetFullPath(descriptionFile)) ?? "",
        };
    }

    /// <summary>Every installation under <paramref name="labDir"/>, ordered by version.</summary>
    public static IReadOnlyList<QemuInstallation> LoadAll(string labDir)
    {
        ArgumentNullException.ThrowIfNull(labDir);
        if (!System.IO.Directory.Exists(labDir)) return [];
        return System.IO.Directory.EnumerateDirectories(labDir)
            .Select(d => Path.Combine(d, DescriptionFileName))
            .Where(File.Exists)
            .Select(Load)
            .OrderBy(i => i.Label, VersionLabelComparer.Instance)
            .ToList();
    }

    /// <summary>The installation labelled <paramref name="label"/> (<c>qemu-</c> prefix allowed); a clear <see cref="LabException"/> when absent.</summary>
    public static QemuInstallation Find(string labDir, string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (label.StartsWith("qemu-", StringComparison.OrdinalIgnoreCase)) label = label[5..];
        var file = Path.Combine(labDir, label, DescriptionFileName);
        if (File.Exists(file)) return Load(file);
        var all = LoadAll(labDir);
        var hit = all.FirstOrDefault(i => i.Label == label);
        if (hit is not null) return hit;
        var have = all.Count == 0 ? "none" : string.Join(", ", all.Select(i => i.Label));
        throw new LabException($"QEMU {label} is not installed in the lab {labDir} (installed: {have}). Run scripts/install-qemu-lab.sh SUITE (or 'tern lab install SUITE') to install it.");
    }
}
