using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tern.Wire;

namespace Tern.Fuzz;

/// <summary>
/// Cuts the real fixtures into small seeds (AFL wants inputs of a few KB): each stream seed keeps the file header,
/// the configuration section, the RAM and htab sections with their first few records, a window of consecutive device
/// sections, EOF and a vmdesc that describes exactly the devices kept. Dump seeds keep a window of sections.
/// </summary>
internal static class SeedBuilder
{
    private const int WindowBytes = 3000;
    private const int SmallSection = 1024;
    private const int LargeSection = 16 << 10;
    private const int MaxWindowsPerFile = 6;
    private const int RecordsKeptPerIterativeSection = 3;

    private static readonly string[] Streams =
    [
        "same-7.2-pseries", "same-7.2-virt-a57", "same-10.0.13-virt-max", "x-10.0.2-to-7.2-pseries-7.2", "same-5.2-pseries",
    ];

    // The stream written by the QEMU whose dump ReferenceSchema loads (10.0.2, pseries-7.2).
    private const string SchemaStream = "x-10.0.2-to-7.2-pseries-7.2";

    private static readonly string[] Dumps = ["qemu-10.0.2-pseries-7.2", "qemu-10.0.13-virt-10.0"];

    private static readonly string[] HostSpecs =
    [
        "qemu-7.2 -machine pseries-7.2 -accel tcg -cpu power9_v2.0",
        "qemu-10.0.13 -machine pseries-10.0,cap-htm=off,cap-cfpc=broken -cpu POWER10 -accel kvm -m 2G -smp 4",
        "10.0.2 -M virt-10.0,gic-version=3 -cpu max,pmu=off -accel tcg:thread=multi -m size=1024M -smp cpus=2,sockets=1\nkvm=hv,pvr=0x004e1202",
        "qemu-5.2 -machine type=pseries-5.2,max-cpu-compat=power8 -enable-kvm -nodefaults -nographic -serial 'mon:stdio'",
        "qemu-9.2 --machine \"virt\" -cpu cortex-a57 -S -m 512",
    ];

    /// <summary>Writes <c>OUT/&lt;target&gt;/&lt;seed&gt;</c> for every target from the fixtures under <paramref name="fixtures"/>.</summary>
    public static void WriteAll(string fixtures, string output)
    {
        foreach (var name in Streams)
        {
            var data = Gunzip(Path.Combine(fixtures, "streams", name + ".stream.gz"));
            var cut = new StreamCut(data);
            var i = 0;
            foreach (var window in cut.DeviceWindows().Take(MaxWindowsPerFile))
            {
                var seed = $"{name}-{i++}";
                var withDesc = cut.Build(window, withVmDescription: true, out var vmdesc);
                foreach (var target in new[] { "summary", "decode", "roundtrip" }) Write(output, target, seed, withDesc);
                Write(output, "vmdesc", seed + ".json", vmdesc);
                Write(output, "dump", seed + ".vmdesc.json", vmdesc);
                if (name == SchemaStream)
                {
                    Write(output, "schema-decode", seed, cut.Build(window, withVmDescription: false, out _));
                    Write(output, "schema-decode", seed + "-vmdesc", withDesc);
                }
            }
        }
        foreach (var name in Dumps)
        {
            var json = Gunzip(Path.Combine(fixtures, "vmstate", name + ".json.gz"));
            var i = 0;
            foreach (var window in DumpWindows(json).Take(MaxWindowsPerFile)) Write(output, "dump", $"{name}-{i++}.json", window);
        }
        // One gzipped dump: SchemaLoader sniffs gzip by content.
        var first = DumpWindows(Gunzip(Path.Combine(fixtures, "vmstate", Dumps[0] + ".json.gz"))).First();
        using (var gz = new MemoryStream())
        {
            using (var z = new GZipStream(gz, CompressionLevel.SmallestSize, leaveOpen: true)) z.Write(first);
            Write(output, "dump", "gzipped.json.gz", gz.ToArray());
        }
        for (var k = 0; k < HostSpecs.Length; k++) Write(output, "hostspec", $"spec-{k}", Encoding.UTF8.GetBytes(HostSpecs[k]));
        WriteProfileSeeds(fixtures, output, first);
    }

    // The real profile gzipped and plain (AFL mutating gzip bytes mostly tests the gzip layer, plain JSON the shape),
    // and small variants cut from it: one sample and a small dump, a bare header, an aarch64 one with cpregs, fields
    // in another order (the header reader falls back to a full read).
    private static void WriteProfileSeeds(string fixtures, string output, byte[] smallDump)
    {
        var path = Path.Combine(fixtures, "profiles", "11.1.3-ppc64.tern-profile.json.gz");
        Write(output, "profile", "real.tern-profile.json.gz", File.ReadAllBytes(path));
        var json = Gunzip(path);
        Write(output, "profile", "real.json", json);
        var real = JsonNode.Parse(json)!.AsObject();

        var small = real.DeepClone().AsObject();
        var sample = real["samples"]!.AsArray().First(s => s!["template"] is not null)!;
        var machineName = sample["machine"]!.GetValue<string>();
        var machines = real["machines"]!.AsArray().Where(m => m!["name"]!.GetValue<string>() == machineName).Take(1)
            .Concat(real["machines"]!.AsArray().Take(1)).Select(m => m!.DeepClone()).ToArray();
        using var dumpGz = new MemoryStream();
        using (var z = new GZipStream(dumpGz, CompressionLevel.SmallestSize, leaveOpen: true)) z.Write(smallDump);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(smallDump));
        machines[0]!["dump"] = sha;
        small["machines"] = new JsonArray(machines);
        small["cpuModels"] = new JsonArray(real["cpuModels"]!.AsArray().Take(4).Select(c => c!.DeepClone()).ToArray());
        small["samples"] = new JsonArray(sample.DeepClone());
        small["dumps"] = new JsonArray(new JsonObject { ["sha256"] = sha, ["data"] = Convert.ToBase64String(dumpGz.ToArray()) });
        var smallBytes = Encoding.UTF8.GetBytes(small.ToJsonString());
        Write(output, "profile", "small.json", smallBytes);
        using (var gz = new MemoryStream())
        {
            using (var z = new GZipStream(gz, CompressionLevel.SmallestSize, leaveOpen: true)) z.Write(smallBytes);
            Write(output, "profile", "small.tern-profile.json.gz", gz.ToArray());
        }

        var header = new JsonObject();
        foreach (var key in new[] { "format", "provenance", "label", "arch", "qemu" }) header[key] = real[key]!.DeepClone();
        Write(output, "profile", "header.json", Encoding.UTF8.GetBytes(header.ToJsonString()));

        var arm = header.DeepClone().AsObject();
        arm["arch"] = "aarch64";
        arm["machines"] = new JsonArray(new JsonObject { ["name"] = "virt-11.1", ["alias"] = "virt", ["defaultCpu"] = "cortex-a15", ["cpuMax"] = 512 });
        arm["cpuModels"] = new JsonArray(new JsonObject { ["name"] = "max" }, new JsonObject { ["name"] = "cortex-a57" });
        arm["samples"] = new JsonArray(new JsonObject
        {
            ["machine"] = "virt-11.1", ["cpu"] = "max", ["resolvedCpu"] = "max",
            ["args"] = new JsonArray("-machine", "virt-11.1", "-cpu", "max,pmu=off", "-m", "256"),
            ["sections"] = new JsonArray(new JsonObject { ["idStr"] = "cpu", ["instance"] = 0, ["version"] = 22 }),
            ["subsections"] = new JsonObject { ["cpu/pmu"] = 1 },
            ["cpregIndexes"] = new JsonArray("0x6030000000138012", "0x603000000013c000"),
            ["cpregValues"] = new JsonArray("0x0", "0xffffffff00000000"),
            ["error"] = "migration failed",
        });
        Write(output, "profile", "aarch64.json", Encoding.UTF8.GetBytes(arm.ToJsonString()));

        var late = new JsonObject { ["machines"] = small["machines"]!.DeepClone() };
        foreach (var (key, value) in small) if (key != "machines") late[key] = value!.DeepClone();
        Write(output, "profile", "header-late.json", Encoding.UTF8.GetBytes(late.ToJsonString()));
    }

    private static void Write(string output, string target, string name, byte[] bytes)
    {
        var dir = Path.Combine(output, target);
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, name), bytes);
    }

    private static byte[] Gunzip(string path)
    {
        using var file = File.OpenRead(path);
        using var z = new GZipStream(file, CompressionMode.Decompress);
        using var ms = new MemoryStream();
        z.CopyTo(ms);
        return ms.ToArray();
    }

    // Windows of consecutive top-level sections of a dump, each with the machine key, as compact JSON.
    private static IEnumerable<byte[]> DumpWindows(byte[] json)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        var machine = root[Tern.Schema.VmstateDumpLoader.MachineKey]!.ToJsonString();
        var window = new List<string>();
        var size = 0;
        foreach (var (key, value) in root)
        {
            if (key == Tern.Schema.VmstateDumpLoader.MachineKey) continue;
            var text = JsonSerializer.Serialize(key) + ":" + value!.ToJsonString();
            if (text.Length > WindowBytes) continue;
            window.Add(text);
            size += text.Length;
            if (size < WindowBytes) continue;
            yield return Dump(machine, window);
            window.Clear();
            size = 0;
        }
        if (window.Count > 0) yield return Dump(machine, window);
    }

    private static byte[] Dump(string machine, List<string> sections) =>
        Encoding.UTF8.GetBytes($"{{\"{Tern.Schema.VmstateDumpLoader.MachineKey}\":{machine},{string.Join(',', sections)}}}");

    /// <summary>A real stream split into its records, so that parts of it can be put back together.</summary>
    private sealed class StreamCut
    {
        private readonly byte[] _data;
        private readonly List<(int Start, int End)> _prefix = [];
        private readonly List<List<byte[]>> _iterative = [];
        private readonly List<(SectionHeader Header, int Start, int End)> _devices = [];
        private readonly JsonObject _vmdesc;

        public StreamCut(byte[] data)
        {
            _data = data;
            using var reader = new MigrationStreamReader(new MemoryStream(data, writable: false));
            List<byte[]>? group = null;
            var deviceStart = -1;
            byte[]? vmdesc = null;
            while (reader.Read())
            {
                var start = (int)reader.RecordOffset;
                var end = (int)(reader.Position + reader.PayloadLength);
                switch (reader.Kind)
                {
                    case MigrationRecordKind.FileHeader or MigrationRecordKind.Configuration:
                        _prefix.Add((start, end));
                        break;
                    case MigrationRecordKind.Command when group is null && deviceStart < 0:
                        _prefix.Add((start, end));
                        break;
                    case MigrationRecordKind.SectionHeader when reader.Section.IdStr is "ram" or "spapr/htab":
                        group = [data[start..end]];
                        _iterative.Add(group);
                        break;
                    case MigrationRecordKind.SectionHeader:
                        group = null;
                        deviceStart = start;
                        break;
                    case MigrationRecordKind.SectionFooter when group is not null:
                        group.Add(data[start..end]);
                        group = null;
                        break;
                    case MigrationRecordKind.SectionFooter when deviceStart >= 0:
                        _devices.Add((reader.Section, deviceStart, end));
                        deviceStart = -1;
                        break;
                    case MigrationRecordKind.VmDescription:
                        vmdesc = reader.GetPayload().ToArray();
                        break;
                    case MigrationRecordKind.RamMemSize or MigrationRecordKind.RamEos or MigrationRecordKind.HtabHeader or MigrationRecordKind.HtabEnd:
                        group?.Add(data[start..end]);
                        break;
                    case MigrationRecordKind.RamPage when group is not null && group.Count <= RecordsKeptPerIterativeSection:
                        // A whole target page is too big for a seed: the same record as a ZERO page (flag 0x08 -> 0x02, fill byte 0).
                        var zero = new byte[(int)(reader.Position - start) + 1];
                        data.AsSpan(start, zero.Length - 1).CopyTo(zero);
                        zero[7] = (byte)((zero[7] & ~(byte)RamPageFlags.Page) | (byte)RamPageFlags.Zero);
                        group.Add(zero);
                        break;
                    case MigrationRecordKind.RamPage:
                        break;
                    default:
                        if (group is not null && group.Count <= RecordsKeptPerIterativeSection) group.Add(data[start..end]);
                        break;
                }
            }
            _vmdesc = JsonNode.Parse(vmdesc ?? throw new InvalidDataException("fixture stream without vmdesc"))!.AsObject();
        }

        // All small device sections together, each half of them, then each larger one (cpu, ...) on its own.
        public IEnumerable<List<int>> DeviceWindows()
        {
            var small = Enumerable.Range(0, _devices.Count).Where(i => Length(i) <= SmallSection).ToList();
            if (small.Count > 0) yield return small;
            if (small.Count > 1)
            {
                yield return small[..(small.Count / 2)];
                yield return small[(small.Count / 2)..];
            }
            foreach (var i in Enumerable.Range(0, _devices.Count).Where(i => Length(i) is > SmallSection and <= LargeSection))
                yield return [i];
        }

        private int Length(int device) => _devices[device].End - _devices[device].Start;

        public byte[] Build(List<int> window, bool withVmDescription, out byte[] vmdesc)
        {
            using var ms = new MemoryStream();
            foreach (var (s, e) in _prefix) ms.Write(_data, s, e - s);
            // Only the first START/PART/END of each iterative section (the rest are more of the same).
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var g in _iterative)
            {
                var key = g[0][0].ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + BinaryPrimitives.ReadUInt32BigEndian(g[0].AsSpan(1));
                if (!seen.TryAdd(key, 1)) continue;
                foreach (var record in g) ms.Write(record);
            }
            var kept = new HashSet<(string, uint)>();
            foreach (var i in window)
            {
                var (h, s, e) = _devices[i];
                ms.Write(_data, s, e - s);
                kept.Add((h.IdStr, h.InstanceId));
            }
            ms.WriteByte((byte)SectionType.Eof);
            var desc = _vmdesc.DeepClone().AsObject();
            var devices = new JsonArray();
            foreach (var d in _vmdesc["devices"]!.AsArray())
            {
                var name = d!["name"]!.GetValue<string>();
                var instance = d["instance_id"]?.GetValue<uint>() ?? 0;
                if (kept.Contains((name, instance))) devices.Add(d.DeepClone());
            }
            desc["devices"] = devices;
            vmdesc = Encoding.UTF8.GetBytes(desc.ToJsonString());
            if (withVmDescription)
            {
                Span<byte> header = stackalloc byte[5];
                header[0] = (byte)SectionType.VmDescription;
                BinaryPrimitives.WriteUInt32BigEndian(header[1..], (uint)vmdesc.Length);
                ms.Write(header);
                ms.Write(vmdesc);
            }
            return ms.ToArray();
        }
    }
}
