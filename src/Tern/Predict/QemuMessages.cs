using Tern.Platforms;
using Tern.Rules;

namespace Tern.Predict;

/// <summary>
/// QEMU's load error texts for a given version (migration/savevm.c, migration/vmstate.c). 10.2 turned the
/// load errors into Error chains with new wording; up to 10.1 each error is its own line. A chain is one line, its
/// causes joined as each caller prepends its own (migration/migration.c "load of migration failed: %s: ", savevm.c
/// "error while loading state for instance 0x%x of device '%s': ", vmstate.c "Loading VM subsection …"; the format
/// strings are those of the real 11.1.3 binary). What a load function reports with error_report stays a line of its own.
/// </summary>
public sealed class QemuMessages(QemuVersion version)
{
    private readonly bool _chained = QemuChanges.In(version, "migration.chained-load-errors");

    /// <summary>The final line: <c>load of migration failed: &lt;strerror&gt;</c>.</summary>
    public string LoadFailed(string strerror) => $"load of migration failed: {strerror}";

    /// <summary>
    /// The lines for an unknown section: up to 10.1 the cause and then "load of migration failed"; from 10.2 one
    /// chained line, "load of migration failed: Invalid argument: Unknown section or instance …" (real: 11.1.3).
    /// </summary>
    public IReadOnlyList<string> UnknownSectionLines(string idstr, uint instance) =>
        BeforeBody(UnknownSectionRule.Message(idstr, instance, _chained));

    /// <summary>The lines for a section header above the destination's version (savevm.c, before the body is read).</summary>
    public IReadOnlyList<string> UnsupportedVersionLines(uint version, string idstr, uint local) =>
        BeforeBody(SectionVersionRule.UnsupportedVersion(version, idstr, local, _chained));

    /// <summary>The wrapper printed when a START/FULL section fails to load.</summary>
    public string SectionFailed(uint instance, string idstr) => $"error while loading state for instance 0x{instance:x} of device '{idstr}'";

    /// <summary>The lines for a section's body below the destination's <c>minimum_version_id</c>.</summary>
    public IReadOnlyList<string> SectionTooOld(uint instance, string idstr, string vmsd, long version, long minimum)
    {
        var cause = TooOld(vmsd, version, minimum);
        return Body(instance, idstr, "Invalid argument", cause, cause);
    }

    /// <summary>The lines for a subsection at a version the destination does not load (<paramref name="cause"/>: too new or too old).</summary>
    public IReadOnlyList<string> SubsectionVersion(uint instance, string idstr, string subsection, string owner, string cause) =>
        Body(instance, idstr, "Invalid argument", cause, LoadFailureLines.SubsectionFailed(subsection, owner) + cause);

    /// <summary>A (sub)section body below its <c>minimum_version_id</c>, in this version's words.</summary>
    public string TooOld(string vmsd, long version, long minimum) => SectionVersionRule.TooOld(vmsd, version, minimum, _chained);

    /// <summary>
    /// The lines for a field whose load function refused the value (get_*_equal, get_int32_le): the function's own line,
    /// then up to 10.1 <c>Failed to load VMSD:FIELD</c> and the wrappers, from 10.2 one chain naming the element's type.
    /// </summary>
    public IReadOnlyList<string> FieldRefused(uint instance, string idstr, string reported, string vmsd, string field, string info) =>
        Body(instance, idstr, "Invalid argument", LoadFailureLines.FailedToLoad(vmsd, field), LoadFailureLines.FailedToLoadElement(info, field), reported);

    /// <summary>
    /// The lines when the RAM section refuses a block (<paramref name="reported"/>: ram.c's own line): up to 10.1 the
    /// section wrapper and the final line; from 10.2 one chain ending in savevm.c vmstate_load's old-style failure,
    /// <c>Failed to load vmstate version_id: 4, ret: -22</c> (real 11.1.3: a RAM size mismatch).
    /// </summary>
    public IReadOnlyList<string> RamRefused(string reported) =>
        Body(0, "ram", "Invalid argument", null, $"Failed to load vmstate version_id: {RamSectionVersion}, ret: -22", reported);

    /// <summary>migration/ram.c ram_mig_init: register_savevm_live("ram", 0, 4, …), the version every QEMU Tern knows sends.</summary>
    private const int RamSectionVersion = 4;

    /// <summary>
    /// The lines when the configuration section refuses the stream (<paramref name="message"/>: the machine type check's
    /// words): up to 10.1 the message and the final line; from 10.2 one chain through the configuration VMSD's
    /// post_load_errp (migration/savevm.c vmstate_configuration: version_id 1, no minimum; real 11.1.3).
    /// </summary>
    public IReadOnlyList<string> ConfigurationRefused(string message) =>
        BeforeBody(_chained ? $"post load hook failed for: configuration, version_id: 1, minimum_version: 0: {message}" : message);

    /// <summary>
    /// The lines for an unknown subsection: up to 10.1 QEMU names only the section; from 10.2 one chain ending in
    /// <c>VM subsection '…' in '…' does not exist</c>.
    /// </summary>
    public IReadOnlyList<string> UnknownSubsection(string name, string parent, uint instance, string idstr) =>
        Body(instance, idstr, "No such file or directory", null, UnknownSubsectionRule.Message(name, parent));

    /// <summary>
    /// The lines when a section's post_load hook fails (<paramref name="ret"/> &lt; 0): up to 10.1 the section wrapper
    /// and <c>load of migration failed: STRERROR</c>; from 10.2 one chain ending in the hook's failure with the
    /// destination VMSD's <c>version_id</c> and <c>minimum_version_id</c> (migration/vmstate.c vmstate_load_state; real
    /// 11.1.3: ARM cpu 22/22 ret -1, POWER cpu 5/5 ret -22, spapr 3/1 ret -22, each "Invalid argument").
    /// <paramref name="reported"/> is what the hook printed itself first (error_report), a line of its own.
    /// </summary>
    public IReadOnlyList<string> PostLoadRefused(uint instance, string idstr, uint version, uint minimum, int ret, string strerror, string? reported = null) =>
        Body(instance, idstr, _chained ? "Invalid argument" : strerror, null,
            $"post load hook failed for: {idstr}, version_id: {version}, minimum_version: {minimum}, ret: {ret}", reported);

    // A refusal before any body is read (savevm.c): up to 10.1 the cause, then the final line; from 10.2 one chain.
    private IReadOnlyList<string> BeforeBody(string cause) => _chained
        ? [$"{LoadFailed("Invalid argument")}: {cause}"]
        : [cause, LoadFailed("Invalid argument")];

    // A refusal inside a section's body (savevm.c vmstate_load → vmstate_load_state). Up to 10.1: what the load printed
    // (oldCause, when it printed anything), the section wrapper, the final line. From 10.2 one chain: the final line, the
    // section wrapper, chainedCause. What a load function reported itself (error_report) comes first in both.
    private IReadOnlyList<string> Body(uint instance, string idstr, string strerror, string? oldCause, string chainedCause, string? reported = null)
    {
        List<string> lines = reported is null ? [] : [reported];
        if (_chained) lines.Add($"{LoadFailed(strerror)}: {SectionFailed(instance, idstr)}: {chainedCause}");
        else
        {
            if (oldCause is not null) lines.Add(oldCause);
            lines.Add(SectionFailed(instance, idstr));
            lines.Add(LoadFailed(strerror));
        }
        return lines;
    }

    /// <summary>
    /// A line of QEMU's stderr as the messages here are written: without the <c>-msg timestamp=on</c> prefix
    /// (<c>2026-12-03T15:16:11.376500Z </c>, which libvirt always asks for) and without <c>qemu-system-ARCH: </c>.
    /// </summary>
    public static string Plain(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var s = line;
        // ISO 8601 with microseconds and Z, then one space (util/error-report.c error_vprintf with message_with_timestamp).
        if (s.Length > 28 && char.IsAsciiDigit(s[0]) && s[4] == '-' && s[10] == 'T')
        {
            var z = s.IndexOf("Z ", StringComparison.Ordinal);
            if (z is > 18 and < 32) s = s[(z + 2)..];
        }
        var at = s.IndexOf(": ", StringComparison.Ordinal);
        return s.StartsWith("qemu-system-", StringComparison.Ordinal) && at > 0 ? s[(at + 2)..] : s;
    }

    /// <summary>strerror for a post_load that returns -1 (EPERM) or -EINVAL, by version.</summary>
    public static string PostLoadError(bool returnsMinusOne) => returnsMinusOne ? "Operation not permitted" : "Invalid argument";
}
