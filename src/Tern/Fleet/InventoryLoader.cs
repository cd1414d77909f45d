using Tern.Platforms;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Tern.Fleet;

/// <summary>
/// Reads an inventory YAML file (docs/plan.md):
/// <code>
/// hosts:
///   - name: p9-a
///     arch: ppc64                      # optional when the profile or the VMs say it
///     qemu: qemu-10.0.13               # or  profile: path/to/profile.tern-profile.json.gz
///     host: {kvm: hv, pvr: "0x004e1202"}
/// vms:
///   - name: web1
///     host: p9-a
///     cmdline: "-machine pseries-7.2 -cpu power9_v2.0 -m 2048"   # or  cmdline-file: web1.args
/// </code>
/// Every mistake is an <see cref="InventoryException"/> naming the file, the line and the key. The YAML is read with
/// YamlDotNet's representation model (no reflection: safe under NativeAOT).
/// </summary>
public static class InventoryLoader
{
    private static readonly string[] RootKeys = ["hosts", "vms"];
    private static readonly string[] HostKeys = ["name", "arch", "qemu", "profile", "host"];
    private static readonly string[] VmKeys = ["name", "host", "cmdline", "cmdline-file"];

    /// <summary>Reads <paramref name="path"/>; relative <c>profile</c> and <c>cmdline-file</c> paths are taken from its directory.</summary>
    public static Inventory Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such inventory file", path);
        using var reader = new StreamReader(path);
        return Parse(reader, path, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
    }

    /// <summary>Parses inventory YAML; <paramref name="file"/> names it in messages, <paramref name="directory"/> anchors relative paths.</summary>
    public static Inventory Parse(TextReader reader, string file = "inventory", string? directory = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        directory ??= Directory.GetCurrentDirectory();
        var yaml = new YamlStream();
        try
        {
            yaml.Load(reader);
        }
        catch (YamlException e)
        {
            throw new InventoryException(file, e.Start.Line, "yaml", $"not valid YAML: {e.InnerException?.Message ?? e.Message}");
        }
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
            throw new InventoryException(file, yaml.Documents.Count == 0 ? 0 : yaml.Documents[0].RootNode.Start.Line, "inventory", "an inventory is a mapping with 'hosts' and 'vms'");
        var ctx = new Context(file, directory);
        ctx.OnlyKeys(root, "", RootKeys);
        var hosts = ctx.Sequence(root, "hosts", required: true).Select((n, i) => ctx.Host(n, $"hosts[{i}]")).ToList();
        var names = new Dictionary<string, InventoryHost>(StringComparer.Ordinal);
        foreach (var h in hosts)
            if (!names.TryAdd(h.Name, h)) throw new InventoryException(file, h.Line, "hosts.name", $"host '{h.Name}' is listed twice (first on line {names[h.Name].Line})");
        var vms = ctx.Sequence(root, "vms", required: false).Select((n, i) => ctx.Vm(n, $"vms[{i}]", names)).ToList();
        var vmNames = new Dictionary<string, InventoryVm>(StringComparer.Ordinal);
        foreach (var v in vms)
            if (!vmNames.TryAdd(v.Name, v)) throw new InventoryException(file, v.Line, "vms.name", $"VM '{v.Name}' is listed twice (first on line {vmNames[v.Name].Line})");
        return new Inventory { File = file, Hosts = hosts, Vms = vms };
    }

    private sealed class Context(string file, string directory)
    {
        public InventoryException Error(YamlNode node, string key, string problem) => new(file, node.Start.Line, key, problem);

        public void OnlyKeys(YamlMappingNode m, string prefix, string[] known)
        {
            foreach (var k in m.Children.Keys)
            {
                var name = (k as YamlScalarNode)?.Value ?? "?";
                if (!known.Contains(name, StringComparer.Ordinal))
                    throw Error(k, prefix + name, $"unknown key (known: {string.Join(", ", known)})");
            }
        }

        public IEnumerable<YamlNode> Sequence(YamlMappingNode m, string key, bool required)
        {
            if (!m.Children.TryGetValue(new YamlScalarNode(key), out var node) || node is YamlScalarNode { Value: null or "" })
            {
                if (required) throw Error(m, key, "missing: list at least one entry");
                return [];
            }
            if (node is not YamlSequenceNode seq) throw Error(node, key, "must be a list");
            if (required && seq.Children.Count == 0) throw Error(node, key, "must list at least one entry");
            return seq.Children;
        }

        public string? Scalar(YamlMappingNode m, string prefix, string key, bool required = false)
        {
            if (!m.Children.TryGetValue(new YamlScalarNode(key), out var node))
            {
                if (required) throw Error(m, prefix + "." + key, "missing");
                return null;
            }
            if (node is not YamlScalarNode s) throw Error(node, prefix + "." + key, "must be a single value, not a list or mapping");
            if (string.IsNullOrWhiteSpace(s.Value)) throw Error(node, prefix + "." + key, "is empty");
            return s.Value;
        }

        public long LineOf(YamlMappingNode m, string key) =>
            m.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node.Start.Line : m.Start.Line;

        public InventoryHost Host(YamlNode node, string prefix)
        {
            if (node is not YamlMappingNode m) throw Error(node, prefix, "each host is a mapping with 'name' and 'qemu' or 'profile'");
            OnlyKeys(m, prefix + ".", HostKeys);
            var name = Scalar(m, prefix, "name", required: true)!;
            var qemu = Scalar(m, prefix, "qemu");
            var profile = Scalar(m, prefix, "profile");
            if ((qemu is null) == (profile is null)) throw Error(m, prefix, "give exactly one of 'qemu' (a QEMU version label) or 'profile' (a profile file)");
            if (qemu is not null)
            {
                var label = qemu.StartsWith("qemu-", StringComparison.OrdinalIgnoreCase) ? qemu[5..] : qemu;
                if (!QemuVersion.TryParse(label, out _)) throw new InventoryException(file, LineOf(m, "qemu"), prefix + ".qemu", $"'{qemu}' is not a QEMU version label such as qemu-10.0.13");
                qemu = label;
            }
            if (profile is not null)
            {
                profile = Path.GetFullPath(Path.Combine(directory, profile));
                if (!File.Exists(profile)) throw new InventoryException(file, LineOf(m, "profile"), prefix + ".profile", $"{profile}: no such profile file");
            }
            Architecture? arch = null;
            if (Scalar(m, prefix, "arch") is { } a)
                arch = Architectures.Parse(a)
                    ?? throw new InventoryException(file, LineOf(m, "arch"), prefix + ".arch", Architectures.NotModelled(a));
            return new InventoryHost { Name = name, Architecture = arch, Qemu = qemu, ProfileFile = profile, Facts = Facts(m, prefix), Line = m.Start.Line };
        }

        private string Facts(YamlMappingNode m, string prefix)
        {
            if (!m.Children.TryGetValue(new YamlScalarNode("host"), out var node)) return "";
            var key = prefix + ".host";
            string text;
            if (node is YamlMappingNode facts)
            {
                var parts = new List<string>();
                foreach (var (k, v) in facts.Children)
                {
                    if (k is not YamlScalarNode ks || v is not YamlScalarNode vs || string.IsNullOrEmpty(vs.Value))
                        throw Error(k, key, "host facts are key: value pairs (kvm: hv, pvr: \"0x004e1202\")");
                    parts.Add($"{ks.Value}={vs.Value}");
                }
                text = string.Join(',', parts);
            }
            else if (node is YamlScalarNode s) text = s.Value ?? "";
            else throw Error(node, key, "host facts are a mapping (kvm: hv, pvr: \"0x004e1202\")");
            try
            {
                HostSpecParser.ParseFacts(text);
            }
            catch (FormatException e)
            {
                throw Error(node, key, e.Message);
            }
            return text;
        }

        public InventoryVm Vm(YamlNode node, string prefix, Dictionary<string, InventoryHost> hosts)
        {
            if (node is not YamlMappingNode m) throw Error(node, prefix, "each VM is a mapping with 'name', 'host' and 'cmdline' or 'cmdline-file'");
            OnlyKeys(m, prefix + ".", VmKeys);
            var name = Scalar(m, prefix, "name", required: true)!;
            var host = Scalar(m, prefix, "host", required: true)!;
            if (!hosts.ContainsKey(host))
                throw new InventoryException(file, LineOf(m, "host"), prefix + ".host", $"VM '{name}' runs on '{host}', which is not among the hosts");
            var cmdline = Scalar(m, prefix, "cmdline");
            var cmdFile = Scalar(m, prefix, "cmdline-file");
            if ((cmdline is null) == (cmdFile is null)) throw Error(m, prefix, "give exactly one of 'cmdline' (QEMU options) or 'cmdline-file' (a libvirt .args file or a /proc/PID/cmdline copy)");
            IReadOnlyList<string>? args = null;
            string? program = null;
            try
            {
                if (cmdline is not null) HostSpecParser.Parse("0.0 " + cmdline);
                else
                {
                    var path = Path.GetFullPath(Path.Combine(directory, cmdFile!));
                    var read = CommandLineFile.Read(path);
                    args = read.Arguments;
                    program = read.Program;
                    HostSpecParser.FromArguments("0.0", args);
                }
            }
            catch (Exception e) when (e is FormatException or IOException)
            {
                var k = cmdline is null ? "cmdline-file" : "cmdline";
                throw new InventoryException(file, LineOf(m, k), prefix + "." + k, e.Message);
            }
            return new InventoryVm { Name = name, Host = host, Cmdline = cmdline, Arguments = args, Program = program, Line = m.Start.Line };
        }
    }
}
