using System.Buffers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Tern.Lab.Qmp;

/// <summary>
/// An asynchronous QMP client over a unix socket: reads the greeting, negotiates capabilities
/// (<c>qmp_capabilities</c>), correlates answers by <c>id</c>, collects events, enforces timeouts, and
/// raises <see cref="QmpConnectionClosedException"/> when QEMU goes away mid-command.
/// </summary>
public sealed class QmpClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly Func<string?>? _describeExit;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Dictionary<long, Pending> _pending = [];
    private readonly List<QmpEvent> _events = [];
    private readonly List<(string Name, TaskCompletionSource<QmpEvent> Tcs)> _eventWaiters = [];
    private readonly TaskCompletionSource<QmpVersion> _greeting = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closedTcs = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _readerCts = new();
    private Task? _reader;
    private long _nextId;
    private bool _closed;
    private bool _quitSent;
    private Exception? _closeCause;

    private sealed record Pending(string Command, TaskCompletionSource<JsonElement> Tcs);

    private QmpClient(Socket socket, Func<string?>? describeExit)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _describeExit = describeExit;
    }

    /// <summary>The time limit for each command unless one is given (default 30 s).</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The QEMU version announced in the greeting.</summary>
    public QmpVersion? GreetingVersion { get; private set; }

    /// <summary>Raised on the reader thread for every event, in order.</summary>
    public event Action<QmpEvent>? EventReceived;

    /// <summary>True once the connection has ended.</summary>
    public bool IsClosed { get { lock (_pending) return _closed; } }

    /// <summary>Completes when the connection ends (QEMU quit, died, or the client was disposed).</summary>
    public Task Closed => _closedTcs.Task;

    /// <summary>Every event received so far.</summary>
    public IReadOnlyList<QmpEvent> Events { get { lock (_pending) return _events.ToList(); } }

    /// <summary>
    /// Connects to <paramref name="socketPath"/>, reads the greeting and sends <c>qmp_capabilities</c>.
    /// <paramref name="describeExit"/>, when given, is asked how QEMU ended when the connection drops (for the exception message).
    /// </summary>
    public static async Task<QmpClient> ConnectAsync(string socketPath, TimeSpan timeout, Func<string?>? describeExit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(socketPath);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        QmpClient? client = null;
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(timeout);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new QmpTimeoutException("connect", timeout);
            }
            client = new QmpClient(socket, describeExit);
            client._reader = Task.Run(client.ReadLoopAsync, CancellationToken.None);
            try
            {
                client.GreetingVersion = await client._greeting.Task.WaitAsync(timeout, cts.Token).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new QmpTimeoutException("greeting", timeout);
            }
            await client.ExecuteAsync("qmp_capabilities", null, timeout, cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            if (client is not null) await client.DisposeAsync().ConfigureAwait(false);
            else socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Sends <paramref name="command"/> with the arguments <paramref name="writeArguments"/> writes into the
    /// <c>arguments</c> object (null: none) and returns the <c>return</c> member.
    /// </summary>
    public async Task<JsonElement> ExecuteAsync(string command, Action<Utf8JsonWriter>? writeArguments = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var limit = timeout ?? CommandTimeout;
        var tcs = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        long id;
        lock (_pending)
        {
            if (_closed) throw new QmpConnectionClosedException(command, _describeExit?.Invoke(), _closeCause);
            id = ++_nextId;
            _pending[id] = new Pending(command, tcs);
            if (command == "quit") _quitSent = true;
        }
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("execute", command);
            if (writeArguments is not null)
            {
                w.WriteStartObject("arguments");
                writeArguments(w);
                w.WriteEndObject();
            }
            w.WriteNumber("id", id);
            w.WriteEndObject();
        }
        buffer.Write("\n"u8);
        try
        {
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await _stream.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
                await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _writeLock.Release();
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            lock (_pending) _pending.Remove(id);
            if (command == "quit") return default;
            // The reader may not have seen EOF yet; wait briefly so the exit description is complete.
            await Task.WhenAny(_closedTcs.Task, Task.Delay(500, CancellationToken.None)).ConfigureAwait(false);
            throw new QmpConnectionClosedException(command, _describeExit?.Invoke(), e);
        }
        try
        {
            return await tcs.Task.WaitAsync(limit, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            lock (_pending) _pending.Remove(id);
            throw new QmpTimeoutException(command, limit);
        }
    }

    /// <summary>Waits for the next event named <paramref name="name"/> (or returns one already received when <paramref name="includePast"/>).</summary>
    public async Task<QmpEvent> WaitForEventAsync(string name, TimeSpan timeout, bool includePast = false, CancellationToken cancellationToken = default)
    {
        var tcs = new TaskCompletionSource<QmpEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_pending)
        {
            if (includePast && _events.LastOrDefault(e => e.Name == name) is { } past) return past;
            if (_closed) throw new QmpConnectionClosedException($"wait for event {name}", _describeExit?.Invoke(), _closeCause);
            _eventWaiters.Add((name, tcs));
        }
        try
        {
            return await tcs.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new QmpTimeoutException($"event {name}", timeout);
        }
        finally
        {
            lock (_pending) _eventWaiters.RemoveAll(w => w.Tcs == tcs);
        }
    }

    /// <summary><c>query-version</c>.</summary>
    public async Task<QmpVersion> QueryVersionAsync(CancellationToken cancellationToken = default) =>
        ParseVersion(await ExecuteAsync("query-version", null, null, cancellationToken).ConfigureAwait(false));

    /// <summary><c>query-status</c>.</summary>
    public async Task<QmpStatus> QueryStatusAsync(CancellationToken cancellationToken = default)
    {
        var r = await ExecuteAsync("query-status", null, null, cancellationToken).ConfigureAwait(false);
        return new QmpStatus(Str(r, "status") ?? "", r.TryGetProperty("running", out var run) && run.ValueKind == JsonValueKind.True);
    }

    /// <summary><c>migrate</c> to <paramref name="uri"/> (<c>unix:PATH</c>, <c>exec:cat &gt; FILE</c>, <c>file:PATH</c>, ...).</summary>
    public Task MigrateAsync(string uri, CancellationToken cancellationToken = default) =>
        ExecuteAsync("migrate", w => w.WriteString("uri", uri), null, cancellationToken);

    /// <summary>
    /// <c>migrate-incoming</c> from <paramref name="uri"/> (QEMU started with <c>-incoming defer</c>).
    /// <paramref name="exitOnError"/> is sent only when not null (QEMU 9.1+ knows <c>exit-on-error</c>).
    /// </summary>
    public Task MigrateIncomingAsync(string uri, bool? exitOnError = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync("migrate-incoming", w =>
        {
            w.WriteString("uri", uri);
            if (exitOnError is bool b) w.WriteBoolean("exit-on-error", b);
        }, null, cancellationToken);

    /// <summary><c>query-migrate</c>.</summary>
    public async Task<QmpMigrationInfo> QueryMigrateAsync(CancellationToken cancellationToken = default)
    {
        var r = await ExecuteAsync("query-migrate", null, null, cancellationToken).ConfigureAwait(false);
        long? total = r.TryGetProperty("total-time", out var t) && t.TryGetInt64(out var tv) ? tv : null;
        long? ram = r.TryGetProperty("ram", out var ramEl) && ramEl.ValueKind == JsonValueKind.Object
            && ramEl.TryGetProperty("transferred", out var tr) && tr.TryGetInt64(out var trv) ? trv : null;
        return new QmpMigrationInfo(Str(r, "status"), Str(r, "error-desc"), total, ram, r);
    }

    /// <summary><c>migrate-set-capabilities</c> with each (capability, state) pair.</summary>
    public Task MigrateSetCapabilitiesAsync(IEnumerable<KeyValuePair<string, bool>> capabilities, CancellationToken cancellationToken = default)
    {
        var list = capabilities.ToList();
        return ExecuteAsync("migrate-set-capabilities", w =>
        {
            w.WriteStartArray("capabilities");
            foreach (var (name, state) in list)
            {
                w.WriteStartObject();
                w.WriteString("capability", name);
                w.WriteBoolean("state", state);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }, null, cancellationToken);
    }

    /// <summary><c>query-machines</c>.</summary>
    public async Task<IReadOnlyList<QmpMachine>> QueryMachinesAsync(CancellationToken cancellationToken = default)
    {
        var r = await ExecuteAsync("query-machines", null, null, cancellationToken).ConfigureAwait(false);
        var list = new List<QmpMachine>();
        foreach (var m in r.EnumerateArray())
            list.Add(new QmpMachine(Str(m, "name") ?? "", Str(m, "alias"), Bool(m, "is-default"), Str(m, "default-cpu-type"), Bool(m, "deprecated"),
                m.TryGetProperty("cpu-max", out var cm) && cm.TryGetInt32(out var cmv) ? cmv : 0));
        return list;
    }

    /// <summary><c>query-cpu-definitions</c>.</summary>
    public async Task<IReadOnlyList<QmpCpuDefinition>> QueryCpuDefinitionsAsync(CancellationToken cancellationToken = default)
    {
        var r = await ExecuteAsync("query-cpu-definitions", null, null, cancellationToken).ConfigureAwait(false);
        var list = new List<QmpCpuDefinition>();
        foreach (var c in r.EnumerateArray())
            list.Add(new QmpCpuDefinition(Str(c, "name") ?? "", Str(c, "typename"), Str(c, "alias-of"), Bool(c, "deprecated")));
        return list;
    }

    /// <summary><c>qom-list-properties</c> of QOM type <paramref name="typeName"/> (e.g. <c>pseries-7.2-machine</c>).</summary>
    public async Task<IReadOnlyList<QmpObjectProperty>> QomListPropertiesAsync(string typeName, CancellationToken cancellationToken = default)
    {
        var r = await ExecuteAsync("qom-list-properties", w => w.WriteString("typename", typeName), null, cancellationToken).ConfigureAwait(false);
        var list = new List<QmpObjectProperty>();
        foreach (var p in r.EnumerateArray())
            list.Add(new QmpObjectProperty(Str(p, "name") ?? "", Str(p, "type") ?? "", Str(p, "description"),
                p.TryGetProperty("default-value", out var dv) ? dv.Clone() : null));
        return list;
    }

    /// <summary><c>qom-get</c> of <paramref name="property"/> on the object at <paramref name="path"/> (e.g. <c>/machine</c>).</summary>
    public Task<JsonElement> QomGetAsync(string path, string property, CancellationToken cancellationToken = default) =>
        ExecuteAsync("qom-get", w => { w.WriteString("path", path); w.WriteString("property", property); }, null, cancellationToken);

    /// <summary><c>quit</c>: QEMU answers and exits; a connection that closes before the answer counts as done.</summary>
    public async Task QuitAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await ExecuteAsync("quit", null, TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        }
        catch (QmpConnectionClosedException)
        {
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _readerCts.CancelAsync().ConfigureAwait(false);
        try { _socket.Shutdown(SocketShutdown.Both); } catch (SocketException) { } catch (ObjectDisposedException) { }
        await _stream.DisposeAsync().ConfigureAwait(false);
        if (_reader is not null)
        {
            try { await _reader.ConfigureAwait(false); } catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or SocketException) { }
        }
        Close(new ObjectDisposedException(nameof(QmpClient)));
        _readerCts.Dispose();
        _writeLock.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        Exception? cause = null;
        try
        {
            using var reader = new StreamReader(_stream, new UTF8Encoding(false), false, 64 * 1024, leaveOpen: true);
            while (true)
            {
                var line = await reader.ReadLineAsync(_readerCts.Token).ConfigureAwait(false);
                if (line is null) break;
                if (line.Length == 0) continue;
                Dispatch(line);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            cause = e;
        }
        catch (JsonException e)
        {
            cause = e;
        }
        Close(cause);
    }

    private void Dispatch(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        if (root.TryGetProperty("QMP", out var qmp))
        {
            var v = qmp.TryGetProperty("version", out var ver) ? ParseVersion(ver) : new QmpVersion(0, 0, 0, "");
            _greeting.TrySetResult(v);
            return;
        }
        if (root.TryGetProperty("event", out var ev))
        {
            var ts = DateTimeOffset.UtcNow;
            if (root.TryGetProperty("timestamp", out var t) && t.TryGetProperty("seconds", out var s) && s.TryGetInt64(out var sec))
            {
                var us = t.TryGetProperty("microseconds", out var m) && m.TryGetInt64(out var mv) ? mv : 0;
                ts = DateTimeOffset.FromUnixTimeSeconds(sec).AddTicks(us * 10);
            }
            var data = root.TryGetProperty("data", out var d) ? d.Clone() : JsonDocument.Parse("{}").RootElement.Clone();
            var e = new QmpEvent(ev.GetString() ?? "", ts, data);
            List<TaskCompletionSource<QmpEvent>> wake;
            lock (_pending)
            {
                _events.Add(e);
                wake = _eventWaiters.Where(w => w.Name == e.Name).Select(w => w.Tcs).ToList();
            }
            foreach (var w in wake) w.TrySetResult(e);
            EventReceived?.Invoke(e);
            return;
        }
        if (!root.TryGetProperty("id", out var idEl) || !idEl.TryGetInt64(out var id)) return;
        Pending? p;
        lock (_pending)
        {
            if (_pending.Remove(id, out p) is false) return;
        }
        if (root.TryGetProperty("error", out var err))
            p.Tcs.TrySetException(new QmpErrorException(p.Command, Str(err, "class") ?? "Error", Str(err, "desc") ?? ""));
        else
            p.Tcs.TrySetResult(root.TryGetProperty("return", out var ret) ? ret.Clone() : default);
    }

    private void Close(Exception? cause)
    {
        List<Pending> pending;
        List<TaskCompletionSource<QmpEvent>> waiters;
        bool quit;
        lock (_pending)
        {
            if (_closed) return;
            _closed = true;
            _closeCause = cause;
            pending = [.. _pending.Values];
            _pending.Clear();
            waiters = _eventWaiters.Select(w => w.Tcs).ToList();
            quit = _quitSent;
        }
        var exit = pending.Count > 0 || waiters.Count > 0 ? _describeExit?.Invoke() : null;
        _greeting.TrySetException(new QmpConnectionClosedException("greeting", exit, cause));
        foreach (var p in pending)
        {
            if (quit && p.Command == "quit") p.Tcs.TrySetResult(default);
            else p.Tcs.TrySetException(new QmpConnectionClosedException(p.Command, exit, cause));
        }
        foreach (var w in waiters) w.TrySetException(new QmpConnectionClosedException("wait for event", exit, cause));
        _closedTcs.TrySetResult();
    }

    private static QmpVersion ParseVersion(JsonElement v)
    {
        var q = v.TryGetProperty("qemu", out var qe) ? qe : v;
        static int I(JsonElement e, string n) => e.TryGetProperty(n, out var x) && x.TryGetInt32(out var i) ? i : 0;
        return new QmpVersion(I(q, "major"), I(q, "minor"), I(q, "micro"), Str(v, "package") ?? "");
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool Bool(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
}
