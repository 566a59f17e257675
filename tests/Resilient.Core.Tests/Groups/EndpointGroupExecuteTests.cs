using Microsoft.Extensions.Time.Testing;

namespace Resilient.Core.Tests.Groups;

/// <summary>ExecuteAsync: the same selection, health and failover rules for non-HTTP resources.</summary>
public sealed class EndpointGroupExecuteTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task ExecuteAsync_ReplicaThrows_TheReadFailsOverToAnotherReplica()
    {
        var group = Replicas();
        var tried = new List<string>();

        var rows = await group.ExecuteAsync((replica, _) =>
        {
            tried.Add(replica.Name);
            return replica.Name == "replica-0" ? throw new IOException("connection reset") : ValueTask.FromResult(42);
        });

        rows.Should().Be(42);
        tried.Should().Equal("replica-0", "replica-1");
        group.Snapshot("replica-0").ConsecutiveFailures.Should().Be(1);
    }

    [Fact]
    public async Task ExecuteAsync_WriteThatMayHaveReachedTheServer_IsNotRepeated_ButARefusedOneIs()
    {
        var group = Replicas();
        var write = new ExecuteOptions<int> { IsIdempotent = false, ClassifyException = e => e is TimeoutException ? EndpointOutcome.Unreachable : EndpointOutcome.Failure };
        var attempts = 0;

        var act = () => group.ExecuteAsync<int>((_, _) => { attempts++; throw new IOException("lost after sending"); }, write);
        (await act.Should().ThrowAsync<EndpointUnavailableException>()).Which.Message.Should().Contain("not safe to repeat").And.Contain("replica-0");
        attempts.Should().Be(1);

        attempts = 0;
        var writeName = new ExecuteOptions<string> { IsIdempotent = false, ClassifyException = write.ClassifyException };
        var refusedOnce = await group.ExecuteAsync((replica, _) => ++attempts == 1 ? throw new TimeoutException("refused") : ValueTask.FromResult(replica.Name), writeName);
        refusedOnce.Should().Be("replica-1");
    }

    [Fact]
    public async Task ExecuteAsync_ClassifiedBadResults_AreRetriedAndDisposed_TheLastIsReturned()
    {
        var group = Replicas();
        var options = new ExecuteOptions<Reply> { ClassifyResult = r => r.Ok ? EndpointOutcome.Success : EndpointOutcome.Failure };
        var replies = new List<Reply>();

        var reply = await group.ExecuteAsync((replica, _) =>
        {
            var r = new Reply(replica.Name, Ok: false);
            replies.Add(r);
            return ValueTask.FromResult(r);
        }, options);

        reply.Source.Should().Be("replica-2");
        replies.Select(r => r.Disposed).Should().Equal(true, true, false);
    }

    [Fact]
    public async Task ExecuteAsync_NothingAvailable_FailsFastNamingTheGroup()
    {
        var group = Replicas();
        foreach (var endpoint in group.Endpoints)
        {
            group.Drain(endpoint.Name);
        }

        var act = () => group.ExecuteAsync((_, _) => ValueTask.FromResult(1));

        (await act.Should().ThrowAsync<EndpointUnavailableException>()).Which.Message.Should().Be("Endpoint group 'replicas': no endpoint is available; no attempt was made.");
    }

    private EndpointGroup Replicas()
    {
        var options = new EndpointGroupOptions { LoadBalancer = LoadBalancers.FirstAvailable, SlowStartWindow = TimeSpan.Zero };
        for (var i = 0; i < 3; i++)
        {
            options.Endpoints.Add(new EndpointOptions { Address = $"tcp://replica-{i}:5432", Name = $"replica-{i}" });
        }

        return new EndpointGroup("replicas", options, _time, null, new SeededRandomSource(1));
    }

    private sealed record Reply(string Source, bool Ok) : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }
}
