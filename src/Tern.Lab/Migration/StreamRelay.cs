using System.Net.Sockets;

namespace Tern.Lab.Migration;

/// <summary>
/// Listens on a unix socket for the source's <c>migrate unix:</c>, connects to the destination's
/// listening socket and copies the stream across, counting the bytes and optionally writing a copy to a file.
/// </summary>
internal sealed class StreamRelay : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly string _destinationPath;
    private readonly string? _copyPath;
    private readonly Func<Task>? _pauseHook;
    private readonly long _pauseAfter;
    private readonly CancellationTokenSource _cts = new();
    private Task? _pump;
    private long _bytes;

    public StreamRelay(string listenPath, string destinationPath, string? copyPath, Func<Task>? pauseHook, long pauseAfter = 1 << 20)
    {
        ListenPath = listenPath;
        _destinationPath = destinationPath;
        _copyPath = copyPath;
        _pauseHook = pauseHook;
        _pauseAfter = pauseAfter;
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(listenPath));
        _listener.Listen(1);
        _pump = Task.Run(RunAsync);
    }

    public string ListenPath { get; }

    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Completes when the source closed its side and everything was forwarded (or the relay failed).</summary>
    public Task Completion => _pump ?? Task.CompletedTask;

    private async Task RunAsync()
    {
        using var source = await _listener.AcceptAsync(_cts.Token).ConfigureAwait(false);
        using var destination = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await destination.ConnectAsync(new UnixDomainSocketEndPoint(_destinationPath), _cts.Token).ConfigureAwait(false);
        await using var copy = _copyPath is null ? null : new FileStream(_copyPath, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16, useAsync: true);
        var back = PumpBackAsync(destination, source);
        var buffer = new byte[1 << 16];
        var paused = _pauseHook is null;
        try
        {
            while (true)
            {
                var n = await source.ReceiveAsync(buffer, SocketFlags.None, _cts.Token).ConfigureAwait(false);
                if (n == 0) break;
                await SendAllAsync(destination, buffer.AsMemory(0, n)).ConfigureAwait(false);
                if (copy is not null) await copy.WriteAsync(buffer.AsMemory(0, n), _cts.Token).ConfigureAwait(false);
                var total = Interlocked.Add(ref _bytes, n);
                if (!paused && total >= _pauseAfter)
                {
                    paused = true;
                    await _pauseHook!().ConfigureAwait(false);
                }
            }
            destination.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // The destination went away (refused the stream or crashed): the source will see the error.
        }
        try { await back.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false); } catch (Exception e) when (e is TimeoutException or SocketException or OperationCanceledException) { }
    }

    private async Task SendAllAsync(Socket s, ReadOnlyMemory<byte> data)
    {
        while (!data.IsEmpty)
        {
            var n = await s.SendAsync(data, SocketFlags.None, _cts.Token).ConfigureAwait(false);
            data = data[n..];
        }
    }

    private async Task PumpBackAsync(Socket from, Socket to)
    {
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var n = await from.ReceiveAsync(buffer, SocketFlags.None, _cts.Token).ConfigureAwait(false);
                if (n == 0) break;
                await SendAllAsync(to, buffer.AsMemory(0, n)).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        if (_pump is not null)
        {
            try { await _pump.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or TimeoutException or IOException) { }
        }
        _cts.Dispose();
        try { File.Delete(ListenPath); } catch (IOException) { }
    }
}
