using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Gaze.Grains.Storage;

/// <summary>
/// Runs the statements of one storage one batch at a time: every operation queued while the
/// previous batch ran goes into the next, on one connection and in one transaction, and each
/// caller is answered only after that transaction committed. Thousands of active clients each
/// writing their windows once a second then cost a few commits a second instead of thousands of
/// connections, transactions and contended write locks.
/// </summary>
/// <remarks>
/// SQLite admits one writer at a time anyway, so one queue loses no parallelism; it removes the
/// waiting for the file's write lock, the connection pool's lock and a statement compilation per
/// operation (statements are prepared once per batch). An operation that throws fails alone; a
/// commit that fails fails the whole batch, which then changed nothing. Written here because
/// Microsoft.Data.Sqlite has no group commit of its own.
/// </remarks>
internal sealed class SqliteBatches
{
    /// <summary>More than one batch ever holds on ordinary load; bounds how long one transaction runs.</summary>
    private const int MaxBatch = 512;

    private readonly Channel<Operation> _queue = Channel.CreateUnbounded<Operation>(new UnboundedChannelOptions { SingleReader = true });

    public SqliteBatches(SqliteSchema schema)
    {
        Schema = schema;
        _ = Task.Run(RunAsync);
    }

    public SqliteSchema Schema { get; }

    /// <summary>Runs <paramref name="work"/> in the next batch; completes once its batch has committed.</summary>
    public Task<T> RunAsync<T>(Func<Batch, T> work)
    {
        var operation = new Operation<T>(work);
        if (!_queue.Writer.TryWrite(operation))
        {
            throw new InvalidOperationException("The storage queue is closed.");
        }

        return operation.Result;
    }

    private async Task RunAsync()
    {
        var batch = new List<Operation>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var operation))
            {
                batch.Add(operation);
            }

            await RunBatchAsync(batch);
            batch.Clear();
        }
    }

    private async Task RunBatchAsync(List<Operation> operations)
    {
        try
        {
            await using var connection = await Schema.OpenAsync();
            using var batch = new Batch(connection);
            foreach (var operation in operations)
            {
                operation.Run(batch);
            }

            batch.Commit();
        }
        catch (Exception failure)
        {
            // Not committed: nothing of this batch is stored, whatever each operation returned.
            foreach (var operation in operations)
            {
                operation.Fail(failure);
            }

            return;
        }

        foreach (var operation in operations)
        {
            operation.Complete();
        }
    }

    /// <summary>The connection and transaction of one batch, with its statements prepared once.</summary>
    public sealed class Batch : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteTransaction _transaction;
        private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

        internal Batch(SqliteConnection connection)
        {
            _connection = connection;
            // Immediate: take the write lock at the start, so no statement meets a busy file half-way.
            _transaction = connection.BeginTransaction(deferred: false);
        }

        /// <summary>The statement for <paramref name="sql"/>, its parameters cleared for this use.</summary>
        public SqliteCommand Command(string sql)
        {
            if (!_commands.TryGetValue(sql, out var command))
            {
                command = _connection.CreateCommand();
                command.Transaction = _transaction;
                command.CommandText = sql;
                _commands[sql] = command;
            }

            command.Parameters.Clear();
            return command;
        }

        internal void Commit() => _transaction.Commit();

        public void Dispose()
        {
            foreach (var command in _commands.Values)
            {
                command.Dispose();
            }

            _transaction.Dispose();
        }
    }

    private abstract class Operation
    {
        public abstract void Run(Batch batch);

        public abstract void Complete();

        public abstract void Fail(Exception failure);
    }

    private sealed class Operation<T>(Func<Batch, T> work) : Operation
    {
        // Callers continue on the thread pool, never on the storage loop.
        private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _value;
        private Exception? _error;

        public Task<T> Result => _result.Task;

        public override void Run(Batch batch)
        {
            try
            {
                _value = work(batch);
            }
            catch (Exception error)
            {
                _error = error;
            }
        }

        public override void Complete()
        {
            if (_error is null)
            {
                _result.TrySetResult(_value!);
            }
            else
            {
                _result.TrySetException(_error);
            }
        }

        public override void Fail(Exception failure) => _result.TrySetException(_error ?? failure);
    }
}
