using Tern.Knowledge;
using Tern.Rules;

namespace Tern.Predict;

/// <summary>
/// The rules that only a captured configuration can apply: devices on one end only, state a guest negotiates at run
/// time, and a configuration QEMU refuses to start with. Unknown sections, RAM blocks, versions and fields are the
/// <see cref="Loader"/>'s rules, applied to captures exactly as to any stream.
/// </summary>
public static class CapturedConfigurationRules
{
    /// <summary>
    /// The code of a section only the destination has. It reports no refusal, so no load rule lists it, like diff's
    /// <c>section-only-in-destination</c>.
    /// </summary>
    public const string SectionNotInStreamCode = "section-not-in-stream";

    /// <summary>
    /// Sections the destination creates that the stream does not carry: QEMU loads the stream and leaves those devices
    /// in their reset state (a device the guest never saw at boot): a warning, not silence.
    /// </summary>
    public static IEnumerable<Finding> SectionsOnlyOnDestination(StreamModel incoming, StreamModel local, ResolvedHost destination)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(destination);
        var sent = incoming.Devices.Select(x => (x.IdStr, x.InstanceId)).ToHashSet();
        foreach (var own in local.Devices)
        {
            if (sent.Contains((own.IdStr, own.InstanceId))) continue;
            yield return new Finding
            {
                Code = SectionNotInStreamCode,
                Severity = Severity.Warning,
                Message = $"the destination (QEMU {destination.Profile.Label}) has '{own.IdStr}' instance {own.InstanceId}, which the stream does not carry: QEMU accepts the stream and that device starts from its reset state, a device the guest did not see at boot",
                Rule = "migration/savevm.c qemu_loadvm_state (only sections in the stream are loaded; the others keep their reset state)",
                Evidence = new Evidence { Section = own.IdStr, DestinationValue = $"instance {own.InstanceId}" },
                Remedy = "configure the same devices on both ends (hot-plug the device after the migration if the guest needs it)",
                Confidence = FindingConfidence.Code,
            };
        }
    }

    /// <summary>
    /// Virtio devices between two QEMU versions: what a guest driver negotiated (features, queues) is in the running VM,
    /// not in a paused fresh one; the destination refuses features it does not offer. Same build: it offers the same.
    /// </summary>
    public static IEnumerable<Finding> GuestNegotiatedState(StreamModel incoming, ResolvedHost source, ResolvedHost destination)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        if (source.Version == destination.Version) yield break;
        var virtio = incoming.Devices.Where(d => d.IdStr.Contains("virtio", StringComparison.Ordinal)).Select(d => d.IdStr).Distinct().ToList();
        if (virtio.Count == 0) yield break;
        yield return new Finding
        {
            Code = GuestVisibleChangeRule.DeviceStateCode,
            Severity = Severity.Warning,
            Message = $"{string.Join(", ", virtio)}: the features and queues a guest driver negotiates are in the running VM's state, not in a paused fresh one; QEMU {destination.Profile.Label} refuses a feature it does not offer for this machine type",
            QemuError = ["Features 0x… unsupported. Allowed features: 0x…"],
            Rule = "hw/virtio/virtio.c virtio_load → virtio_set_features_nocheck (guest features must be a subset of the destination's host features)",
            Evidence = new Evidence { Section = virtio[0] },
            Remedy = "the same versioned machine type on both ends keeps the offered features equal; `tern check --stream` of the running VM's stream decides",
            Confidence = FindingConfidence.Inferred,
        };
    }

    // Field types whose load is a device's own code, not VMState's: virtio_load (queue sizes against the destination's
    // allocated rings, features, config), pci_device_load (config bits against the destination's masks), msix_load.
    private static readonly HashSet<string> DeviceCodeTypes = new(StringComparer.Ordinal) { "virtio", "pci config", "msix state" };

    /// <summary>
    /// Fields loaded by device code Tern does not model, whose bytes differ between the stream and the destination's
    /// own fresh state: the destination may refuse them (e.g. <c>VQ 0 vring.num 1024 exceeds allocated max 256</c>).
    /// Equal bytes load as the destination's own state does. Each difference is a missing fact: never "compatible".
    /// </summary>
    public static IEnumerable<string> UnmodelledDeviceState(StreamModel incoming, StreamModel local)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(local);
        var own = new Dictionary<(string, uint), DeviceSection>();
        foreach (var d in local.Devices) own.TryAdd((d.IdStr, d.InstanceId), d);
        foreach (var section in incoming.Devices)
        {
            if (!own.TryGetValue((section.IdStr, section.InstanceId), out var mine)) continue;
            if (FirstDifference(section.Body, mine.Body) is { } field)
                yield return $"'{section.IdStr}': its {field} state is loaded by device code Tern does not model (hw/virtio/virtio.c virtio_load, hw/pci/pci.c pci_device_load) and differs from the destination's own (queue sizes, features, config space); Tern cannot tell whether QEMU accepts it — a real migration (or `tern check --stream` of the running VM against a destination that took it) decides";
        }
    }

    private static string? FirstDifference(Decode.VmsdValue incoming, Decode.VmsdValue local)
    {
        var fields = new LocalFields(local);
        foreach (var f in incoming.Fields)
        {
            var mine = fields.Find(f.Name, f.Index);
            if (mine is null) continue;
            if (f.Struct is { } s && mine.Struct is { } ms)
            {
                if (FirstDifference(s, ms) is { } inner) return inner;
                continue;
            }
            if (DeviceCodeTypes.Contains(f.Description.WireType) && !f.Raw.Span.SequenceEqual(mine.Raw.Span)) return f.Description.Type;
        }
        foreach (var sub in incoming.Subsections)
            if (local.Subsection(sub.Name) is { } ms && FirstDifference(sub.Body, ms.Body) is { } inner) return inner;
        return null;
    }

    /// <summary>QEMU refused to start with the configuration: as it would on that host, before any migration.</summary>
    public static Finding Refused(ResolvedHost host, MigrationEnd side, CapturedStream capture)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(capture);
        var lines = (capture.Error ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(QemuMessages.Plain)
            .Where(l => !l.StartsWith("warning:", StringComparison.Ordinal))
            .ToList();
        return new Finding
        {
            Code = StartUpRule.ConfigurationCode,
            Severity = Severity.Fatal,
            Message = $"QEMU {host.Profile.Label} refuses to start the {side.Name()}'s configuration: {lines.FirstOrDefault() ?? "no message"}",
            QemuError = lines,
            Rule = "QEMU start-up (the configuration capture ran the binary with these options)",
            Evidence = new Evidence { Section = "command line", SourceValue = capture.Origin },
            Remedy = "fix the option QEMU names; the VM cannot start with it on that host",
            Side = side,
            Confidence = FindingConfidence.Data,
        };
    }
}
