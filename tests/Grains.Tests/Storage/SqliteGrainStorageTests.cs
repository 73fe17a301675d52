using Gaze.Grains.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;

namespace Gaze.Tests.Storage;

public sealed class SqliteGrainStorageTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "gaze-storage-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    public sealed class Counter
    {
        public int Value { get; set; }

        public List<string> Notes { get; set; } = [];
    }

    private SqliteGrainStorage NewStorage(string name = "rates") => new(
        name,
        new SqliteGrainStorageOptions { DataSource = Path.Combine(_directory, "nested", "state.db") },
        new SystemTextJsonGrainStorageSerializer(Options.Create(new SystemTextJsonGrainStorageSerializerOptions())),
        NullLogger<SqliteGrainStorage>.Instance);

    private static GrainId NewGrain() => GrainId.Create("test", Guid.NewGuid().ToString("N"));

    private static async Task<GrainState<Counter>> ReadAsync(IGrainStorage storage, GrainId grain)
    {
        var state = new GrainState<Counter>();
        await storage.ReadStateAsync("counter", grain, state);
        return state;
    }

    [Fact]
    public async Task Missing_state_reads_as_a_fresh_object_without_an_etag()
    {
        var state = await ReadAsync(NewStorage(), NewGrain());
        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Equal(0, state.State!.Value);
    }

    [Fact]
    public async Task Written_state_round_trips_and_survives_a_new_storage_instance()
    {
        var grain = NewGrain();
        var state = new GrainState<Counter>(new Counter { Value = 7, Notes = ["a", "b"] });
        await NewStorage().WriteStateAsync("counter", grain, state);
        Assert.True(state.RecordExists);
        Assert.NotNull(state.ETag);

        // A separate instance with its own connections stands in for a restarted process.
        var reread = await ReadAsync(NewStorage(), grain);
        Assert.True(reread.RecordExists);
        Assert.Equal(state.ETag, reread.ETag);
        Assert.Equal(7, reread.State!.Value);
        Assert.Equal(["a", "b"], reread.State!.Notes);
    }

    [Fact]
    public async Task Storage_names_and_state_names_do_not_share_rows()
    {
        var grain = NewGrain();
        await NewStorage("rates").WriteStateAsync("counter", grain, new GrainState<Counter>(new Counter { Value = 1 }));
        Assert.False((await ReadAsync(NewStorage("calibrations"), grain)).RecordExists);
        var otherState = new GrainState<Counter>();
        await NewStorage("rates").ReadStateAsync("other", grain, otherState);
        Assert.False(otherState.RecordExists);
    }

    [Fact]
    public async Task A_stale_etag_is_rejected_and_the_stored_state_is_kept()
    {
        var storage = NewStorage();
        var grain = NewGrain();
        await storage.WriteStateAsync("counter", grain, new GrainState<Counter>(new Counter { Value = 1 }));
        var first = await ReadAsync(storage, grain);
        var second = await ReadAsync(storage, grain);

        first.State!.Value = 2;
        await storage.WriteStateAsync("counter", grain, first);
        second.State!.Value = 3;
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("counter", grain, second));

        Assert.Equal(first.ETag, conflict.StoredEtag);
        Assert.Equal(2, (await ReadAsync(storage, grain)).State!.Value);
    }

    [Fact]
    public async Task Two_first_writes_of_the_same_grain_cannot_both_succeed()
    {
        var storage = NewStorage();
        var grain = NewGrain();
        await storage.WriteStateAsync("counter", grain, new GrainState<Counter>(new Counter { Value = 1 }));
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.WriteStateAsync("counter", grain, new GrainState<Counter>(new Counter { Value = 2 })));
        Assert.Equal(1, (await ReadAsync(storage, grain)).State!.Value);
    }

    [Fact]
    public async Task Clear_checks_the_etag_and_removes_the_record()
    {
        var storage = NewStorage();
        var grain = NewGrain();
        var state = new GrainState<Counter>(new Counter { Value = 1 });
        await storage.WriteStateAsync("counter", grain, state);
        var stale = await ReadAsync(storage, grain);
        await storage.WriteStateAsync("counter", grain, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("counter", grain, stale));
        await storage.ClearStateAsync("counter", grain, state);

        Assert.Null(state.ETag);
        Assert.False((await ReadAsync(storage, grain)).RecordExists);
        await storage.WriteStateAsync("counter", grain, new GrainState<Counter>(new Counter { Value = 9 }));
        Assert.Equal(9, (await ReadAsync(storage, grain)).State!.Value);
    }

    [Fact]
    public async Task Concurrent_read_modify_write_loses_no_update()
    {
        const int Writers = 12;
        const int IncrementsEach = 15;
        var grain = NewGrain();
        var conflicts = 0;

        async Task WriterAsync()
        {
            var storage = NewStorage();
            for (var done = 0; done < IncrementsEach;)
            {
                var state = await ReadAsync(storage, grain);
                state.State!.Value++;
                try
                {
                    await storage.WriteStateAsync("counter", grain, state);
                    done++;
                }
                catch (InconsistentStateException)
                {
                    Interlocked.Increment(ref conflicts);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(WriterAsync))).WaitAsync(TimeSpan.FromMinutes(2));

        var final = await ReadAsync(NewStorage(), grain);
        Assert.Equal(Writers * IncrementsEach, final.State!.Value);
        Assert.Equal((Writers * IncrementsEach).ToString(), final.ETag);
    }
}
