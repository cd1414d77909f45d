using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Tern.Lab.Tests;

/// <summary>
/// A real headless Chromium driven over the DevTools protocol (CDP) with System.Net.WebSockets: navigate, evaluate,
/// click with real mouse events, screenshot.
/// </summary>
internal sealed partial class HeadlessChromium : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _profileDir;
    private readonly ClientWebSocket _ws = new();
    private readonly Dictionary<long, TaskCompletionSource<JsonElement>> _pending = [];
    private readonly List<(string Method, TaskCompletionSource<JsonElement> Tcs)> _waiters = [];
    private readonly CancellationTokenSource _cts = new();
    private Task? _receive;
    private long _id;

    private HeadlessChromium(Process process, string profileDir)
    {
        _process = process;
        _profileDir = profileDir;
    }

    public static string? FindBinary() =>
        new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);

    public static async Task<HeadlessChromium> StartAsync(CancellationToken ct)
    {
        var binary = FindBinary();
        if (binary is null) Assert.Fail("Chromium is not installed: run 'apt-get install -y chromium' (the HTML report test needs a real browser).");
        var profile = LabFixture.TempDir("chromium");
        var psi = new ProcessStartInfo(binary) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                     "--no-first-run", "--disable-dev-shm-usage", $"--user-data-dir={profile}", "--remote-debugging-port=0", "--window-size=1400,1000", "about:blank" })
            psi.ArgumentList.Add(a);
        var p = Process.Start(psi)!;
        var chromium = new HeadlessChromium(p, profile);
        try
        {
            var endpoint = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            p.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is null) { endpoint.TrySetException(new InvalidOperationException("Chromium exited before announcing DevTools")); return; }
                var m = DevTools().Match(e.Data);
                if (m.Success) endpoint.TrySetResult(m.Groups[1].Value);
            };
            p.BeginErrorReadLine();
            p.BeginOutputReadLine();
            var browserWs = await endpoint.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
            var port = new Uri(browserWs).Port;
            using var http = new HttpClient();
            string? pageWs = null;
            for (var i = 0; i < 50 && pageWs is null; i++)
            {
                var list = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/json/list"), ct);
                using var doc = JsonDocument.Parse(list);
                pageWs = doc.RootElement.EnumerateArray().Where(t => t.GetProperty("type").GetString() == "page")
                    .Select(t => t.GetProperty("webSocketDebuggerUrl").GetString()).FirstOrDefault();
                if (pageWs is null) await Task.Delay(100, ct);
            }
            Assert.NotNull(pageWs);
            await chromium._ws.ConnectAsync(new Uri(pageWs), ct);
            chromium._receive = Task.Run(chromium.ReceiveLoopAsync, CancellationToken.None);
            return chromium;
        }
        catch
        {
            await chromium.DisposeAsync();
            throw;
        }
    }

    public async Task<JsonElement> SendAsync(string method, Action<Utf8JsonWriter>? parameters = null, CancellationToken ct = default)
    {
        var id = Interlocked.Increment(ref _id);
        var tcs = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_pending) _pending[id] = tcs;
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("id", id);
            w.WriteString("method", method);
            w.WriteStartObject("params");
            parameters?.Invoke(w);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        await _ws.SendAsync(buffer.WrittenMemory, WebSocketMessageType.Text, true, ct);
        return await tcs.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
    }

    public Task<JsonElement> WaitForEventAsync(string method)
    {
        var tcs = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_pending) _waiters.Add((method, tcs));
        return tcs.Task;
    }

    public async Task NavigateAsync(string url, CancellationToken ct)
    {
        await SendAsync("Page.enable", null, ct);
        var loaded = WaitForEventAsync("Page.loadEventFired");
        await SendAsync("Page.navigate", w => w.WriteString("url", url), ct);
        await loaded.WaitAsync(TimeSpan.FromSeconds(30), ct);
    }

    /// <summary>Evaluates a JavaScript expression and returns its value (by value).</summary>
    public async Task<JsonElement> EvaluateAsync(string expression, CancellationToken ct)
    {
        var r = await SendAsync("Runtime.evaluate", w => { w.WriteString("expression", expression); w.WriteBoolean("returnByValue", true); }, ct);
        if (r.TryGetProperty("exceptionDetails", out var ex)) Assert.Fail($"JavaScript failed: {ex}");
        return r.GetProperty("result").TryGetProperty("value", out var v) ? v : default;
    }

    /// <summary>Clicks at page coordinates with real mouse events.</summary>
    public async Task ClickAsync(double x, double y, CancellationToken ct)
    {
        foreach (var type in new[] { "mouseMoved", "mousePressed", "mouseReleased" })
        {
            await SendAsync("Input.dispatchMouseEvent", w =>
            {
                w.WriteString("type", type);
                w.WriteNumber("x", x);
                w.WriteNumber("y", y);
                if (type != "mouseMoved") { w.WriteString("button", "left"); w.WriteNumber("clickCount", 1); }
            }, ct);
        }
    }

    public async Task<byte[]> ScreenshotAsync(CancellationToken ct)
    {
        var r = await SendAsync("Page.captureScreenshot", w => w.WriteString("format", "png"), ct);
        return Convert.FromBase64String(r.GetProperty("data").GetString()!);
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        try
        {
            while (_ws.State == WebSocketState.Open)
            {
                var res = await _ws.ReceiveAsync(buffer, _cts.Token);
                if (res.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, res.Count);
                if (!res.EndOfMessage) continue;
                using var doc = JsonDocument.Parse(message.ToArray());
                message.SetLength(0);
                var root = doc.RootElement;
                if (root.TryGetProperty("id", out var idEl))
                {
                    TaskCompletionSource<JsonElement>? tcs;
                    lock (_pending) _pending.Remove(idEl.GetInt64(), out tcs);
                    if (root.TryGetProperty("error", out var err)) tcs?.TrySetException(new InvalidOperationException($"CDP error: {err}"));
                    else tcs?.TrySetResult(root.GetProperty("result").Clone());
                }
                else if (root.TryGetProperty("method", out var m))
                {
                    var name = m.GetString();
                    List<TaskCompletionSource<JsonElement>> wake;
                    lock (_pending)
                    {
                        wake = _waiters.Where(w => w.Method == name).Select(w => w.Tcs).ToList();
                        _waiters.RemoveAll(w => w.Method == name);
                    }
                    var p = root.TryGetProperty("params", out var pp) ? pp.Clone() : default;
                    foreach (var w in wake) w.TrySetResult(p);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        try { _ws.Abort(); } catch (ObjectDisposedException) { }
        if (_receive is not null) { try { await _receive; } catch (Exception e) when (e is WebSocketException or OperationCanceledException) { } }
        _ws.Dispose();
        try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        await _process.WaitForExitAsync();
        _process.Dispose();
        _cts.Dispose();
        try { Directory.Delete(_profileDir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [GeneratedRegex(@"DevTools listening on (ws://\S+)")]
    private static partial Regex DevTools();
}
