using Orleans.Runtime;

namespace Crm.Metrics.Orleans.Grains;

/// <summary>Test hooks a silo may register (internal: not a public knob): where a job is coordinated, and answers delivered twice.</summary>
internal interface IClusterJobHooks
{
    /// <summary>Called when a coordinator starts a job.</summary>
    void JobStarted(Guid job, SiloAddress coordinator);

    /// <summary>How many times the coordinator receives a partition's answer (1 normally).</summary>
    int AnswerCopies(string partition);

    /// <summary>The most bytes of a state — a partition's or the merged one — per message (<paramref name="normal"/> normally).</summary>
    int ResultChunkBytes(int normal);
}
