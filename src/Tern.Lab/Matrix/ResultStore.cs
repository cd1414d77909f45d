using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Tern.Lab.Matrix;

/// <summary>
/// The SQLite store of matrix results: one row per finished cell, committed as soon as the cell ends (WAL
/// journal, one transaction per cell), so a killed run loses nothing committed, a cell is never stored twice (its id is
/// the primary key), and a rerun skips the cells already done.
/// </summary>
public sealed class ResultStore : IDisposable
{
    private readonly SqliteConnection _db;
    private readonly Lock _gate = new();

    private ResultStore(SqliteConnection db, string path)
    {
        _db = db;
        Path = path;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Opens (creating if needed) the store at <paramref name="path"/>.</summary>
    public static ResultStore Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var cs = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 30 }.ToString();
        var db = new SqliteConnection(cs);
        db.Open();
        var store = new ResultStore(db, path);
        store.Exec("PRAGMA journal_mode=WAL;");
        store.Exec("PRAGMA synchronous=NORMAL;");
        store.Exec("PRAGMA busy_timeout=30000;");
        store.Exec("""
            CREATE TABLE IF NOT EXISTS cells (
              id TEXT PRIMARY KEY,
              key TEXT NOT NULL,
              arch TEXT NOT NULL,
              machine TEXT NOT NULL,
              cpu TEXT NOT NULL,
              variant TEXT NOT NULL,
              source_qemu TEXT NOT NULL,
              destination_qemu TEXT NOT NULL,
              outcome TEXT NOT NULL,
              back_outcome TEXT,
              agreement TEXT NOT NULL,
              regression INTEGER NOT NULL,
              wall_ms REAL NOT NULL,
              qemu_ms REAL NOT NULL,
              finished_at TEXT NOT NULL,
              record TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
            """);
        return store;
    }

    /// <summary>
    /// The ids of the cells already finished with a verdict about QEMU. A cell stored with outcome <c>error</c> (the lab
    /// failed, e.g. its QEMU was killed from outside) is not done: a rerun runs it again and replaces its row.
    /// </summary>
    public IReadOnlySet<string> DoneIds()
    {
        lock (_gate)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "SELECT id FROM cells WHERE outcome <> 'error'";
            using var r = cmd.ExecuteReader();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            while (r.Read()) ids.Add(r.GetString(0));
            return ids;
        }
    }

    /// <summary>Stores (or replaces) one cell's record and commits.</summary>
    public void Save(MatrixRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var json = Encoding.UTF8.GetString(MatrixRecordJson.ToUtf8(record));
        lock (_gate)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = """
                INSERT OR REPLACE INTO cells (id, key, arch, machine, cpu, variant, source_qemu, destination_qemu, outcome, back_outcome,
                  agreement, regression, wall_ms, qemu_ms, finished_at, record)
                VALUES ($id, $key, $arch, $machine, $cpu, $variant, $sq, $dq, $outcome, $back, $agreement, $regression, $wall, $qemu, $finished, $record)
                """;
            cmd.Parameters.AddWithValue("$id", record.CellId);
            cmd.Parameters.AddWithValue("$key", record.Key);
            cmd.Parameters.AddWithValue("$arch", record.Arch);
            cmd.Parameters.AddWithValue("$machine", record.Machine);
            cmd.Parameters.AddWithValue("$cpu", record.Cpu);
            cmd.Parameters.AddWithValue("$variant", record.Variant);
            cmd.Parameters.AddWithValue("$sq", record.SourceQemu);
            cmd.Parameters.AddWithValue("$dq", record.DestinationQemu);
            cmd.Parameters.AddWithValue("$outcome", record.Outcome);
            cmd.Parameters.AddWithValue("$back", (object?)record.BackOutcome ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$agreement", record.Agreement);
            cmd.Parameters.AddWithValue("$regression", record.Regression ? 1 : 0);
            cmd.Parameters.AddWithValue("$wall", record.WallMs);
            cmd.Parameters.AddWithValue("$qemu", record.QemuMs);
            cmd.Parameters.AddWithValue("$finished", record.FinishedAt);
            cmd.Parameters.AddWithValue("$record", json);
            cmd.ExecuteNonQuery();
        }
    }

    /// <summary>Every stored record, ordered by machine, CPU, variant, source and destination.</summary>
    public IReadOnlyList<MatrixRecord> LoadAll()
    {
        lock (_gate)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "SELECT record FROM cells";
            using var r = cmd.ExecuteReader();
            var list = new List<MatrixRecord>();
            while (r.Read())
            {
                using var doc = JsonDocument.Parse(r.GetString(0));
                list.Add(MatrixRecordJson.Read(doc.RootElement));
            }
            return MatrixRecordOrder.Sort(list);
        }
    }

    /// <summary>Copies every cell of the store at <paramref name="otherPath"/> into this one (later rows win). Returns the count copied.</summary>
    public int MergeFrom(string otherPath)
    {
        ArgumentNullException.ThrowIfNull(otherPath);
        if (!File.Exists(otherPath)) throw new FileNotFoundException($"no such result database: {otherPath}", otherPath);
        using var other = Open(otherPath);
        var n = 0;
        foreach (var rec in other.LoadAll())
        {
            Save(rec);
            n++;
        }
        return n;
    }

    /// <summary>Sets a metadata value (e.g. the config that produced the store).</summary>
    public void SetMeta(string name, string value)
    {
        lock (_gate)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "INSERT OR REPLACE INTO meta (name, value) VALUES ($n, $v)";
            cmd.Parameters.AddWithValue("$n", name);
            cmd.Parameters.AddWithValue("$v", value);
            cmd.ExecuteNonQuery();
        }
    }

    /// <summary>The number of stored cells.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                using var cmd = _db.CreateCommand();
                cmd.CommandText = "SELECT COUNT(*) FROM cells";
                return Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _db.Dispose();

    private void Exec(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
