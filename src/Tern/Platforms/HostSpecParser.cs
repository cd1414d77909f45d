using System.Globalization;

namespace Tern.Platforms;

/// <summary>
/// Parses a host spec: a QEMU version label (<c>qemu-7.2</c> or <c>7.2</c>) followed by QEMU options.
/// Options that do not affect migration are accepted and listed as ignored, never an error.
/// </summary>
public static class HostSpecParser
{
    /// <summary>Parses a spec string such as <c>qemu-7.2 -machine pseries-7.2,cap-htm=off -cpu POWER9 -accel tcg</c>.</summary>
    public static HostSpec Parse(string spec, string? hostFacts = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var tokens = Tokenize(spec);
        if (tokens.Count == 0) throw new FormatException("empty host spec: expected a QEMU version label such as qemu-7.2");
        var label = tokens[0];
        if (label.StartsWith("qemu-", StringComparison.OrdinalIgnoreCase)) label = label[5..];
        if (label.Length == 0 || !char.IsAsciiDigit(label[0]))
            throw new FormatException($"host spec must start with a QEMU version label (e.g. qemu-7.2), not '{tokens[0]}'");
        return FromArguments(label, tokens.Skip(1).ToList(), hostFacts);
    }

    /// <summary>Builds a spec from a version label and a QEMU argument list (as recorded in outcomes.jsonl).</summary>
    public static HostSpec FromArguments(string qemu, IReadOnlyList<string> args, string? hostFacts = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? machine = null, cpu = null;
        var machineProps = new Dictionary<string, string>(StringComparer.Ordinal);
        var cpuProps = new Dictionary<string, string>(StringComparer.Ordinal);
        var accel = Accelerator.Tcg;
        ulong memory = 128UL << 20;
        var cpus = 1;
        var ignored = new List<string>();
        var unmodelled = new List<string>();
        var topology = "";
        for (var i = 0; i < args.Count; i++)
        {
            var opt = args[i];
            var name = opt.StartsWith("--", StringComparison.Ordinal) ? opt[1..] : opt;
            string Value()
            {
                if (i + 1 >= args.Count) throw new FormatException($"option {opt} needs a value");
                return args[++i];
            }
            switch (name)
            {
                case "-machine" or "-M":
                    var (type, props) = SplitProperties(Value());
                    if (type is not null) machine = type;
                    foreach (var (k, v) in props)
                    {
                        if (k == "accel") accel = ParseAccel(v);
                        else machineProps[k] = v;
                        if (k != "accel" && !ModelledMachineProperty(k)) unmodelled.Add($"-machine {k}={v}");
                    }
                    break;
                case "-cpu":
                    var (model, cprops) = SplitProperties(Value());
                    cpu = model;
                    foreach (var (k, v) in cprops) cpuProps[k] = v;
                    break;
                case "-accel":
                    accel = ParseAccel(SplitProperties(Value()).Type ?? "tcg");
                    break;
                case "-enable-kvm":
                    accel = Accelerator.Kvm;
                    break;
                case "-m":
                    var mValue = Value();
                    memory = ParseMemory(mValue);
                    // slots/maxmem add hotplug memory regions (and their RAM blocks and sections) Tern does not model.
                    if (mValue.Contains("slots=", StringComparison.Ordinal) || mValue.Contains("maxmem=", StringComparison.Ordinal)) unmodelled.Add($"-m {mValue}");
                    break;
                case "-smp":
                    var smpValue = Value();
                    var smp = SplitProperties(smpValue);
                    if (smp.Type is not null && int.TryParse(smp.Type, CultureInfo.InvariantCulture, out var n)) cpus = CpuCount(n, smpValue);
                    else if (smp.Props.FirstOrDefault(p => p.Key == "cpus").Value is { } c)
                        cpus = int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? CpuCount(m, smpValue) : throw new FormatException($"-smp {smpValue}: cpus={c} is not a number");
                    topology = string.Join(',', smp.Props.Where(p => p.Key != "cpus").Select(p => $"{p.Key}={p.Value}").Order(StringComparer.Ordinal));
                    break;
                default:
                    // An option Tern does not use: ignored only when it is known to carry no migration state.
                    var text = opt.StartsWith('-') && i + 1 < args.Count && !args[i + 1].StartsWith('-') && !IsFlag(name) ? $"{opt} {args[++i]}" : opt;
                    if (CarriesNoState(name, text)) ignored.Add(text);
                    else unmodelled.Add(text);
                    break;
            }
        }
        return new HostSpec
        {
            Qemu = qemu,
            Machine = machine,
            MachineProperties = machineProps,
            Cpu = cpu,
            CpuProperties = cpuProps,
            Accelerator = accel,
            MemoryBytes = memory,
            Cpus = cpus,
            Ignored = ignored,
            Unmodelled = unmodelled,
            Topology = topology,
            Arguments = args.ToArray(),
            HostFacts = ParseFacts(hostFacts),
        };
    }

    // QEMU's limit is per machine (spapr: 2048 for kvm); anything above int range or below 1 is a typo, not a host.
    private static int CpuCount(int n, string value) =>
        n is >= 1 and <= MaxCpus ? n : throw new FormatException($"-smp {value}: {n} CPUs is not between 1 and {MaxCpus}");

    /// <summary>The largest <c>-smp</c> CPU count accepted.</summary>
    public const int MaxCpus = 1 << 16;

    /// <summary>Machine properties the rules model: the spapr caps and <c>max-cpu-compat</c> (accel is the accelerator).</summary>
    public static bool ModelledMachineProperty(string key) => key.StartsWith("cap-", StringComparison.Ordinal) || key == "max-cpu-compat";

    /// <summary>
    /// Options proven to carry no migration state (docs/check.md, "Options"): names, displays, monitors and character
    /// backends, process control, logging, firmware search path, the incoming URI. Everything else that Tern does not
    /// model makes the verdict undecidable instead of being ignored.
    /// </summary>
    public static bool CarriesNoState(string name, string text) => name switch
    {
        "-name" or "-display" or "-nographic" or "-vnc" or "-spice" or "-k" or "-pidfile" or "-daemonize" or "-msg" or "-sandbox"
            or "-qmp" or "-qmp-pretty" or "-monitor" or "-mon" or "-chardev" or "-no-reboot" or "-no-shutdown" or "-S" or "-incoming"
            or "-nodefaults" or "-snapshot" or "-trace" or "-D" or "-d" or "-L" or "-overcommit" or "-runas" or "-run-with" or "-chroot"
            // libvirt's: no config files read, the SMBIOS/device-tree UUID, boot order, message format.
            or "-no-user-config" or "-uuid" or "-boot" => true,
        // "-serial none" / "-parallel none" create no device.
        "-serial" or "-parallel" => text.EndsWith(" none", StringComparison.Ordinal),
        _ => false,
    };

    private static bool IsFlag(string name) => name is "-nodefaults" or "-nographic" or "-S" or "-no-reboot" or "-no-shutdown" or "-daemonize" or "-snapshot" or "-no-user-config" or "-enable-kvm";

    /// <summary>Parses <c>key=value,key=value</c> host facts.</summary>
    public static IReadOnlyDictionary<string, string> ParseFacts(string? facts)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(facts)) return d;
        foreach (var part in facts.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new FormatException($"host fact '{part}' is not key=value");
            d[part[..eq]] = part[(eq + 1)..];
        }
        return d;
    }

    private static (string? Type, List<KeyValuePair<string, string>> Props) SplitProperties(string value)
    {
        var props = new List<KeyValuePair<string, string>>();
        string? type = null;
        foreach (var (part, index) in value.Split(',').Select((p, i) => (p, i)))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                if (index == 0) type = part;
                else props.Add(new(part, "on"));
                continue;
            }
            var k = part[..eq];
            if (index == 0 && k == "type") type = part[(eq + 1)..];
            else props.Add(new(k, part[(eq + 1)..]));
        }
        return (type, props);
    }

    private static Accelerator ParseAccel(string v) => v.Split(':')[0] switch
    {
        "tcg" => Accelerator.Tcg,
        "kvm" => Accelerator.Kvm,
        _ => throw new FormatException($"accelerator '{v}' is not supported: use tcg or kvm"),
    };

    /// <summary>Parses QEMU's <c>-m</c> size (default unit MiB; suffixes K, M, G, T).</summary>
    public static ulong ParseMemory(string v)
    {
        var s = v.Split(',')[0];
        if (s.StartsWith("size=", StringComparison.Ordinal)) s = s[5..];
        if (s.Length == 0) throw new FormatException("empty -m value");
        var unit = char.ToUpperInvariant(s[^1]);
        var mult = unit switch { 'K' => 1UL << 10, 'M' => 1UL << 20, 'G' => 1UL << 30, 'T' => 1UL << 40, _ => 0UL };
        var number = mult == 0 ? s : s[..^1];
        if (mult == 0) mult = 1UL << 20;
        // NaN, infinity and sizes past 2^64 bytes would otherwise convert to 0 or saturate silently.
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || !double.IsFinite(n) || n <= 0)
            throw new FormatException($"-m {v}: not a size");
        var bytes = n * mult;
        if (bytes >= 18446744073709551615.0) throw new FormatException($"-m {v}: larger than 2^64 bytes");
        return (ulong)bytes;
    }

    /// <summary>
    /// A spec that starts with a program path (<c>/usr/bin/qemu-system-ppc64 -machine pseries-10.0</c>) instead of a
    /// label: the path and the options after it; null when the spec starts with a label.
    /// </summary>
    public static (string Program, IReadOnlyList<string> Arguments)? SplitProgram(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var tokens = Tokenize(spec);
        if (tokens.Count == 0 || !tokens[0].Contains('/', StringComparison.Ordinal)) return null;
        return (tokens[0], tokens.Skip(1).ToList());
    }

    private static List<string> Tokenize(string s)
    {
        var list = new List<string>();
        var cur = new System.Text.StringBuilder();
        char quote = '\0';
        foreach (var c in s)
        {
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                else cur.Append(c);
                continue;
            }
            if (c is '\'' or '"') { quote = c; continue; }
            if (char.IsWhiteSpace(c))
            {
                if (cur.Length > 0) { list.Add(cur.ToString()); cur.Clear(); }
                continue;
            }
            cur.Append(c);
        }
        if (quote != '\0') throw new FormatException("unterminated quote in host spec");
        if (cur.Length > 0) list.Add(cur.ToString());
        return list;
    }
}
