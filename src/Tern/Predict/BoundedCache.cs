namespace Tern.Predict;

/// <summary>
/// A thread-safe memo of at most <c>capacity</c> entries; when full it starts afresh, so memory stays flat however
/// many distinct keys a long batch brings, while the few configurations a fleet repeats stay cached.
/// </summary>
internal sealed class BoundedCache<TKey, TValue>(int capacity) where TKey : notnull
{
    private readonly Dictionary<TKey, Entry> _entries = [];
    private int _resets;

    /// <summary>How many times the cache has started afresh (when full, or by <see cref="Clear"/>).</summary>
    public int Resets => Volatile.Read(ref _resets);

    /// <summary>Forgets every entry.</summary>
    public void Clear()
    {
        lock (_entries)
        {
            _entries.Clear();
            _resets++;
        }
    }

    /// <summary>True when the value for <paramref name="key"/> is already computed: asking for it costs a lookup.</summary>
    public bool Holds(TKey key)
    {
        lock (_entries) return _entries.TryGetValue(key, out var entry) && entry.Done;
    }

    /// <summary>The value for <paramref name="key"/>, computed once (outside the cache's lock, so other keys are not held up).</summary>
    public TValue GetOrAdd(TKey key, Func<TKey, TValue> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(key, out entry!))
            {
                if (_entries.Count >= capacity)
                {
                    _entries.Clear();
                    _resets++;
                }
                entry = new Entry();
                _entries[key] = entry;
            }
        }
        return entry.Get(key, create);
    }

    private sealed class Entry
    {
        private readonly Lock _gate = new();
        private TValue? _value;
        private volatile bool _done;

        public bool Done => _done;

        public TValue Get(TKey key, Func<TKey, TValue> create)
        {
            lock (_gate)
            {
                if (!_done)
                {
                    _value = create(key);
                    _done = true;
                }
                return _value!;
            }
        }
    }
}
