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
    private bool Chained => QemuChanges.In(version, "migration.chained-load-errors");

    /// <summary>The final line: <c>load of migration failed: &lt;strerror&gt;</c>.</summary>
    public string LoadFailed(string strerror) => $"load of migration failed: {strerror}";

    /// <summary>An unknown section idstr/instance.</summary>
    public string UnknownSection(string idstr, uint instance) => UnknownSectionRule.Message(idstr, instance, Chained);

    /// <summary>
    /// The lines for an unknown section: up to 10.1 the cause and then "load of migration failed"; from 10.2 one
    /// chained line, "load of migration failed: Invalid argument: Unknown section or instance …" (real: 11.1.3).
    /// </summary>
    public IReadOnlyList<string> UnknownSectionLines(string idstr, uint instance) => Chained
        ? [$"{LoadFailed("Invalid argument")}: {UnknownSection(idstr, instance)}"]
        : [UnknownSection(idstr, instance), LoadFailed("Invalid argument")];

    /// <summary>A section version newer than the destination's.</summary>
    public string UnsupportedVersion(uint version, string idstr, uint local) => SectionVersionRule.UnsupportedVersion(version, idstr, local, Chained);

    /// <summary>The lines for a section header above the destination's version (savevm.c, before the body is read).</summary>
    public IReadOnlyList<string> UnsupportedVersionLines(uint version, string idstr, uint local) => Chained
        ? [$"{LoadFailed("Invalid argument")}: {UnsupportedVersion(version, idstr, local)}"]
        : [UnsupportedVersion(version, idstr, local), LoadFailed("Invalid argument")];

    /// <summary>The wrapper printed when a START/FULL section fails to load.</summary>
    public string SectionFailed(uint instance, string idstr) => $"error while loading state for instance 0x{instance:x} of device '{idstr}'";

    /// <summary>
    /// The lines when vmstate_load_state refuses a section's body: <paramref name="cause"/> (its error), then the
    /// section wrapper and the final line; from 10.2 all three are one chained line. <paramref name="reported"/> is what
    /// a load function printed itself before (error_report), a line of its own in every version.
    /// </summary>
    public IReadOnlyList<string> SectionBodyFailed(uint instance, string idstr, string strerror, string cause, string? reported = null)
    {
        if (Chained)
            return reported is null
                ? [$"{LoadFailed(strerror)}: {SectionFailed(instance, idstr)}: {cause}"]
                : [reported, $"{LoadFailed(strerror)}: {SectionFailed(instance, idstr)}: {cause}"];
        return reported is null ? [cause, SectionFailed(instance, idstr), LoadFailed(strerror)] : [reported, cause, SectionFailed(instance, idstr), LoadFailed(strerror)];
    }

    /// <summary>The lines for a section's body below the destination's <c>minimum_version_id</c>.</summary>
    public IReadOnlyList<string> SectionTooOld(uint instance, string idstr, string vmsd, long version, long minimum) =>
        SectionBodyFailed(instance, idstr, "Invalid argument", SectionVersionRule.TooOld(vmsd, version, minimum, Chained));

    /// <summary>The lines for a subsection at a version the destination does not load (<paramref name="cause"/>: too new or too old).</summary>
    public IReadOnlyList<string> SubsectionVersion(uint instance, string idstr, string subsection, string owner, string cause) => Chained
        ? SectionBodyFailed(instance, idstr, "Invalid argument", LoadFailureLines.SubsectionFailed(subsection, owner) + cause)
        : [cause, SectionFailed(instance, idstr), LoadFailed("Invalid argument")];

    /// <summary>A subsection's body below its <c>minimum_version_id</c>, in this version's words.</summary>
    public string TooOld(string vmsd, long version, long minimum) => SectionVersionRule.TooOld(vmsd, version, minimum, Chained);

    /// <summary>
    /// The lines for a field whose load function refused the value (get_*_equal, get_int32_le): the function's own line,
    /// then up to 10.1 <c>Failed to load VMSD:FIELD</c> and the wrappers, from 10.2 one chain naming the element's type.
    /// </summary>
    public IReadOnlyList<string> FieldRefused(uint instance, string idstr, string reported, string vmsd, string field, string info) => Chained
        ? SectionBodyFailed(instance, idstr, "Invalid argument", LoadFailureLines.FailedToLoadElement(info, field), reported)
        : [reported, LoadFailureLines.FailedToLoad(vmsd, field), SectionFailed(instance, idstr), LoadFailed("Invalid argument")];

    /// <summary>
    /// The lines when the RAM section refuses a block (<paramref name="reported"/>: ram.c's own line): up to 10.1 the
    /// section wrapper and the final line; from 10.2 one chain ending in savevm.c vmstate_load's old-style failure,
    /// <c>Failed to load vmstate version_id: 4, ret: -22</c> (real 11.1.3: a RAM size mismatch).
    /// </summary>
    public IReadOnlyList<string> RamRefused(string reported) => Chained
        ? SectionBodyFailed(0, "ram", "Invalid argument", $"Failed to load vmstate version_id: {RamSectionVersion}, ret: -22", reported)
        : [reported, SectionFailed(0, "ram"), LoadFailed("Invalid argument")];

    /// <summary>migration/ram.c ram_mig_init: register_savevm_live("ram", 0, 4, …), the version every QEMU Tern knows sends.</summary>
    private const int RamSectionVersion = 4;

    /// <summary>
    /// The lines when the configuration section refuses the stream (<paramref name="message"/>: the machine type check's
    /// words): up to 10.1 the message and the final line; from 10.2 one chain through the configuration VMSD's
    /// post_load_errp (migration/savevm.c vmstate_configuration: version_id 1, no minimum; real 11.1.3).
    /// </summary>
    public IReadOnlyList<string> ConfigurationRefused(string message) => Chained
        ? [$"{LoadFailed("Invalid argument")}: post load hook failed for: configuration, version_id: 1, minimum_version: 0: {message}"]
        : [message, LoadFailed("Invalid argument")];

    /// <summary>
    /// The lines for an unknown subsection: up to 10.1 QEMU names only the section; from 10.2 one chain ending in
    /// <c>VM subsection '…' in '…' does not exist</c>.
    /// </summary>
    public IReadOnlyList<string> UnknownSubsection(string name, string parent, uint instance, string idstr) => Chained
        ? SectionBodyFailed(instance, idstr, "No such file or directory", UnknownSubsectionRule.Message(name, parent))
        : [SectionFailed(instance, idstr), LoadFailed("No such file or directory")];

    /// <summary>
    /// The lines when a section's post_load hook fails (<paramref name="ret"/> &lt; 0): up to 10.1 the section wrapper
    /// and <c>load of migration failed: STRERROR</c>; from 10.2 one chain ending in the hook's failure with the
    /// destination VMSD's <c>version_id</c> and <c>minimum_version_id</c> (migration/vmstate.c vmstate_load_state; real
    /// 11.1.3: ARM cpu 22/22 ret -1, POWER cpu 5/5 ret -22, spapr 3/1 ret -22, each "Invalid argument").
    /// <paramref name="reported"/> is what the hook printed itself first (error_report), a line of its own.
    /// </summary>
    public IReadOnlyList<string> PostLoadRefused(uint instance, string idstr, uint version, uint minimum, int ret, string strerror, string? reported = null)
    {
        if (Chained)
            return SectionBodyFailed(instance, idstr, "Invalid argument",
                $"post load hook failed for: {idstr}, version_id: {version}, minimum_version: {minimum}, ret: {ret}", reported);
        return reported is null ? [SectionFailed(instance, idstr), LoadFailed(strerror)] : [reported, SectionFailed(instance, idstr), LoadFailed(strerror)];
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
