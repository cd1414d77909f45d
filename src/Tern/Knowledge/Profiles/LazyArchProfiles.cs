using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Tern.Platforms;

namespace Tern.Knowledge.Profiles;

/// <summary>Per-target facts, each read from its profile when first asked for (the keys are known up front).</summary>
internal sealed class LazyArchProfiles(IReadOnlyDictionary<Architecture, Func<ArchProfile>> make) : IReadOnlyDictionary<Architecture, ArchProfile>
{
    private readonly Dictionary<Architecture, Lazy<ArchProfile>> _values = make.ToDictionary(kv => kv.Key, kv => new Lazy<ArchProfile>(kv.Value));

    public ArchProfile this[Architecture key] => _values[key].Value;

    public IEnumerable<Architecture> Keys => _values.Keys;

    public IEnumerable<ArchProfile> Values => _values.Values.Select(v => v.Value);

    public int Count => _values.Count;

    public bool ContainsKey(Architecture key) => _values.ContainsKey(key);

    public bool TryGetValue(Architecture key, [MaybeNullWhen(false)] out ArchProfile value)
    {
        if (_values.TryGetValue(key, out var lazy)) { value = lazy.Value; return true; }
        value = default;
        return false;
    }

    public IEnumerator<KeyValuePair<Architecture, ArchProfile>> GetEnumerator() => _values.Select(kv => new KeyValuePair<Architecture, ArchProfile>(kv.Key, kv.Value.Value)).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
