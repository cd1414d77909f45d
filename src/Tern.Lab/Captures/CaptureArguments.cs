using System.Text.Json.Nodes;
using Tern.Platforms;

namespace Tern.Lab.Captures;

/// <summary>
/// The options a configuration capture starts QEMU with: the VM's own options, with every backend replaced by a null
/// one of the same shape (ids, node names, sizes and devices kept; no host file, socket, tap or KVM needed), process
/// options dropped, TCG, paused. Backends carry no device state of their own; devices keep every property, so the
/// sections, instance ids, RAM blocks and subsections QEMU creates are those of the real VM.
/// </summary>
internal static class CaptureArguments
{
    // Options with a value that only concern the QEMU process, its monitors and displays: dropped.
    private static readonly HashSet<string> DroppedWithValue = new(StringComparer.Ordinal)
    {
        "-pidfile", "-runas", "-chroot", "-run-with", "-sandbox", "-qmp", "-qmp-pretty", "-monitor", "-mon", "-incoming",
        "-display", "-vnc", "-spice", "-trace", "-D", "-d", "-L", "-add-fd", "-mem-path", "-overcommit", "-realtime", "-accel",
        // Code or files outside the VM's state: a TCG plugin is a shared object, -writeconfig writes a file.
        "-plugin", "-writeconfig",
    };

    private static readonly HashSet<string> DroppedFlags = new(StringComparer.Ordinal)
    {
        "-daemonize", "-S", "-enable-kvm", "-mem-prealloc", "-snapshot", "-no-kvm",
    };

    // Flags: options without a value.
    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal)
    {
        "-nodefaults", "-nographic", "-no-user-config", "-no-reboot", "-no-shutdown", "-no-hpet", "-no-acpi", "-usb", "-full-screen",
        "-daemonize", "-S", "-enable-kvm", "-mem-prealloc", "-snapshot", "-no-kvm", "-no-fd-bootchk", "-old-param",
    };

    private static readonly HashSet<string> ProtocolDrivers = new(StringComparer.Ordinal)
    {
        "file", "host_device", "host_cdrom", "nbd", "iscsi", "rbd", "gluster", "ssh", "http", "https", "ftp", "ftps", "nfs",
        "nvme", "io_uring", "virtio-blk-vfio-pci", "virtio-blk-vhost-user", "virtio-blk-vhost-vdpa", "curl", "null-aio",
    };

    private static readonly HashSet<string> FormatDrivers = new(StringComparer.Ordinal)
    {
        "qcow2", "qcow", "qed", "vmdk", "vdi", "vpc", "vhdx", "luks", "raw", "parallels", "bochs", "cloop", "dmg",
    };

    /// <summary>
    /// The capture's options for <paramref name="spec"/>: machine type and CPU model resolved (<paramref name="machine"/>,
    /// <paramref name="cpu"/>; under KVM the CPU the host facts resolved to), backends nulled, <c>-accel tcg -S</c>.
    /// </summary>
    /// <exception cref="FormatException">An option value that is neither keyval nor a JSON object.</exception>
    public static List<string> For(HostSpec spec, string machine, string cpu)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var args = spec.Arguments;
        var result = new List<string>();
        var sawMachine = false;
        var sawCpu = false;
        var graphic = true;
        for (var i = 0; i < args.Count; i++)
        {
            var opt = args[i];
            var name = opt.StartsWith("--", StringComparison.Ordinal) ? opt[1..] : opt;
            if (DroppedFlags.Contains(name)) continue;
            if (Flags.Contains(name) || !name.StartsWith('-') || i + 1 >= args.Count || args[i + 1].StartsWith('-'))
            {
                if (name == "-nographic") graphic = false;
                result.Add(opt);
                continue;
            }
            var value = args[++i];
            if (DroppedWithValue.Contains(name)) continue;
            switch (name)
            {
                case "-machine" or "-M":
                    var m = Machine(value, sawMachine ? null : machine);
                    sawMachine |= m.Typed;
                    if (m.Text.Length > 0) { result.Add("-machine"); result.Add(m.Text); }
                    break;
                case "-cpu":
                    result.Add("-cpu");
                    result.Add(spec.Accelerator == Accelerator.Tcg ? value : Cpu(value, cpu));
                    sawCpu = true;
                    break;
                case "-netdev":
                    result.Add(name);
                    result.Add(NullNetdev(value));
                    break;
                case "-audiodev":
                    result.Add(name);
                    result.Add(NullAudiodev(value));
                    break;
                case "-nic":
                    result.Add(name);
                    result.Add(NullNic(value));
                    break;
                case "-chardev":
                    result.Add(name);
                    result.Add(NullChardev(value));
                    break;
                case "-serial" or "-parallel":
                    result.Add(name);
                    result.Add(value == "none" || value.StartsWith("chardev:", StringComparison.Ordinal) ? value : "null");
                    break;
                case "-drive":
                    result.Add(name);
                    result.Add(NullDrive(value));
                    break;
                case "-blockdev":
                    result.Add(name);
                    result.Add(NullBlockdev(value));
                    break;
                case "-object":
                    if (NullObject(value) is { } o) { result.Add(name); result.Add(o); }
                    break;
                default:
                    result.Add(opt);
                    result.Add(value);
                    break;
            }
        }
        if (!sawMachine) { result.Add("-machine"); result.Add(machine); }
        if (!sawCpu && spec.Accelerator != Accelerator.Tcg) { result.Add("-cpu"); result.Add(cpu); }
        if (graphic) { result.Add("-display"); result.Add("none"); }
        result.AddRange(["-accel", "tcg", "-S"]);
        return result;
    }

    private static (string Text, bool Typed) Machine(string value, string? resolved)
    {
        var v = QemuOptionValue.Parse(value, "type");
        // Under TCG: KVM-only properties would make QEMU refuse; the accelerator is given separately.
        v.Keep(k => k is not ("accel" or "kernel_irqchip" or "kernel-irqchip"));
        var typed = v.Get("type") is not null;
        if (resolved is not null && typed) v.Set("type", resolved);
        return (v.Write("type"), typed);
    }

    private static string Cpu(string value, string resolved)
    {
        var v = QemuOptionValue.Parse(value, "model");
        if (v.Get("model") is not null) v.Set("model", resolved);
        return v.Write("model");
    }

    // Netdev types that need the host (tap devices, sockets, vhost back ends): none of them has migration state of its
    // own. A user netdev needs nothing of the host and has state (its "slirp" section): it is kept as given.
    private static readonly HashSet<string> HostNetdevs = new(StringComparer.Ordinal)
    {
        "tap", "bridge", "vhost-user", "vhost-vdpa", "l2tpv3", "socket", "stream", "dgram", "af-xdp", "vde", "netmap", "vmnet-host", "vmnet-shared", "vmnet-bridged",
    };

    // Host-facing parts of a user netdev: forwarded host ports (which the running VM holds: a capture binding them
    // would fail), commands, shares. The slirp section they leave carries the guest-side network state.
    private static readonly HashSet<string> UserHostKeys = new(StringComparer.Ordinal) { "hostfwd", "guestfwd", "smb", "smbserver", "tftp", "bootfile", "tftp-server-name" };

    // A hub port: a netdev with no host side and no migration state.
    private static string NullNetdev(string value)
    {
        var v = QemuOptionValue.Parse(value, "type");
        if (v.Get("type") == "user")
        {
            v.Keep(k => !UserHostKeys.Contains(k));
            return v.Write("type");
        }
        if (v.Get("type") is not { } type || !HostNetdevs.Contains(type)) return value;
        v.Keep(k => k is "type" or "id");
        v.Set("type", "hubport");
        v.Set("hubid", "0", number: true);
        return v.Write("type");
    }

    private static string NullNic(string value)
    {
        var v = QemuOptionValue.Parse(value, "type");
        if (v.Get("type") is not { } type || !HostNetdevs.Contains(type)) return value;
        v.Keep(k => k is "type" or "id" or "model" or "mac");
        v.Set("type", "hubport");
        v.Set("hubid", "0");
        return v.Write("type");
    }

    // Audio back ends talk to the host's sound server; "none" has the same id and no host side.
    private static string NullAudiodev(string value)
    {
        var v = QemuOptionValue.Parse(value, "driver");
        v.Keep(k => k is "driver" or "id");
        v.Set("driver", "none");
        return v.Write("driver");
    }

    private static string NullChardev(string value)
    {
        var v = QemuOptionValue.Parse(value, "backend");
        v.Keep(k => k is "backend" or "id");
        v.Set("backend", "null");
        return v.Write("backend");
    }

    private static string NullDrive(string value)
    {
        var v = QemuOptionValue.Parse(value, "file");
        // Flash contents are the device's RAM block: its size must be the file's. Read-only, so nothing is written.
        if (v.Get("if") == "pflash")
        {
            v.SetFlag("readonly", true);
            v.Set("file.locking", "off");
            return v.Write("file");
        }
        if (!v.Has("file") && !v.Has("driver")) return v.Write("file");
        v.Keep(k => k is "if" or "bus" or "unit" or "index" or "media" or "id" or "readonly" or "serial" or "werror" or "rerror" or "node-name");
        v.Set("driver", "null-co");
        return v.Write("file");
    }

    private static string NullBlockdev(string value)
    {
        var v = QemuOptionValue.Parse(value, "driver");
        if (v.IsJson && v.Child("file") is { } inline) NullBlockdevNode(inline);
        var driver = v.Get("driver");
        if (driver is not null && ProtocolDrivers.Contains(driver))
        {
            v.Keep(k => k is "driver" or "node-name" or "read-only" or "auto-read-only" or "cache" or "detect-zeroes");
            v.Set("driver", "null-co");
        }
        else if (driver is not null && FormatDrivers.Contains(driver))
        {
            v.Keep(k => k is "driver" or "node-name" or "read-only" or "file" or "cache" or "detect-zeroes" || k.StartsWith("file.", StringComparison.Ordinal));
            v.Set("driver", "raw");
        }
        return v.Write("driver");
    }

    private static void NullBlockdevNode(JsonObject node)
    {
        var driver = node["driver"]?.GetValue<string>();
        if (driver is not null && ProtocolDrivers.Contains(driver))
        {
            foreach (var k in node.Select(p => p.Key).Where(k => k is not ("driver" or "node-name" or "read-only")).ToList()) node.Remove(k);
            node["driver"] = "null-co";
        }
        else if (driver is not null && FormatDrivers.Contains(driver))
        {
            foreach (var k in node.Select(p => p.Key).Where(k => k is not ("driver" or "node-name" or "read-only" or "file")).ToList()) node.Remove(k);
            node["driver"] = "raw";
            if (node["file"] is JsonObject child) NullBlockdevNode(child);
        }
    }

    private static string? NullObject(string value)
    {
        var v = QemuOptionValue.Parse(value, "qom-type");
        var type = v.Get("qom-type");
        switch (type)
        {
            case "memory-backend-file" or "memory-backend-memfd" or "memory-backend-ram":
                // The RAM block is named by the object's id (and sized by it); where its pages live is the host's business.
                v.Keep(k => k is "qom-type" or "id" or "size" or "share" or "merge" or "dump" or "reserve" or "x-use-canonical-path-for-ramblock-id");
                v.Set("qom-type", "memory-backend-ram");
                return v.Write("qom-type");
            case "rng-random" or "rng-egd":
                v.Keep(k => k is "qom-type" or "id");
                v.Set("qom-type", "rng-builtin");
                return v.Write("qom-type");
            case "secret":
                v.Keep(k => k is "qom-type" or "id" or "format");
                v.Set("data", "tern");
                return v.Write("qom-type");
            case not null when type.StartsWith("tls-creds", StringComparison.Ordinal) || type == "tls-cipher-suites":
                return null;
            default:
                return v.Write("qom-type");
        }
    }
}
