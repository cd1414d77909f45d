using Tern.Knowledge;

namespace Tern.Predict;

/// <summary>
/// The rules that only a captured configuration can apply: devices on one end only, state a guest negotiates at run
/// time, and a configuration QEMU refuses to start with. Unknown sections, RAM blocks, versions and fields are the
/// <see cref="Loader"/>'s rules, applied to captures exactly as to any stream.
/// </summary>
public static class CapturedConfigurationRules
{
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
                Code = "section-not-in-stream",
                Severity = Severity.Warning,
                Message = $"the destination (QEMU {destination.Profile.Label}) has '{own.IdStr}' instance {own.InstanceId}, which the stream does not carry: QEMU accepts the stream and that device starts from its reset state, a device the guest did not see at boot",
                Rule = "migration/savevm.c qemu_loadvm_state (only sections in the stream are loaded; the others keep their reset state)",
                Evidence = new Evidence { Section = own.IdStr, DestinationValue = $"instance {own.InstanceId}" },
                Remedy = "configure the same devices on both ends (hot-plug the device after the migration if the guest needs it)",
                Confidence = "code",
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
            Code = "device-guest-state",
            Severity = Severity.Warning,
            Message = $"{string.Join(", ", virtio)}: the features and queues a guest driver negotiates are in the running VM's state, not in a paused fresh one; QEMU {destination.Profile.Label} refuses a feature it does not offer for this machine type",
            QemuError = ["Features 0x… unsupported. Allowed features: 0x…"],
            Rule = "hw/virtio/virtio.c virtio_load → virtio_set_features_nocheck (guest features must be a subset of the destination's host features)",
            Evidence = new Evidence { Section = virtio[0] },
            Remedy = "the same versioned machine type on both ends keeps the offered features equal; `tern check --stream` of the running VM's stream decides",
            Confidence = "inferred",
        };
    }

    /// <summary>QEMU refused to start with the configuration: as it would on that host, before any migration.</summary>
    public static Finding Refused(ResolvedHost host, string side, CapturedStream capture)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(capture);
        var lines = (capture.Error ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.StartsWith(host.Binary + ": ", StringComparison.Ordinal) ? l[(host.Binary.Length + 2)..] : l)
            .Where(l => !l.StartsWith("warning:", StringComparison.Ordinal))
            .ToList();
        return new Finding
        {
            Code = "configuration-refused",
            Severity = Severity.Fatal,
            Message = $"QEMU {host.Profile.Label} refuses to start the {side}'s configuration: {lines.FirstOrDefault() ?? "no message"}",
            QemuError = lines,
            Rule = "QEMU start-up (the configuration capture ran the binary with these options)",
            Evidence = new Evidence { Section = "command line", SourceValue = capture.Origin },
            Remedy = "fix the option QEMU names; the VM cannot start with it on that host",
            Side = side,
            Confidence = "data",
        };
    }
}
