namespace Resilient;

/// <summary>
/// Chooses one endpoint among the candidates of a group. One instance serves one group and is created by the
/// factory registered under its name in a <see cref="LoadBalancerRegistry"/>.
/// </summary>
/// <remarks>
/// <para><see cref="Pick"/> runs on every request from many threads at once: it must take no lock, allocate
/// nothing and never throw for an empty or fully excluded candidate list (return -1 instead).</para>
/// <para><see cref="Prepare"/> runs on the group's writer whenever the candidate list changes (membership,
/// availability, effective weights); calls never overlap each other, but picks on older lists continue while it
/// runs. Whatever it returns is handed back, through <see cref="PickContext.State"/>, to every pick on exactly
/// that list, so precomputed tables always match the candidates they were built for.</para>
/// </remarks>
public interface ILoadBalancer
{
    /// <summary>Builds the balancer's precomputed state for a new candidate list.</summary>
    /// <param name="candidates">The candidates, in configuration order; never empty.</param>
    /// <returns>Any object the balancer wants back on each pick, or <see langword="null"/>.</returns>
    object? Prepare(ReadOnlySpan<EndpointCandidate> candidates);

    /// <summary>Picks one candidate.</summary>
    /// <param name="context">The candidates, their prepared state, exclusions, request key, time and randomness.</param>
    /// <returns>An index into <see cref="PickContext.Candidates"/> that is not excluded, or -1 when none can be picked.</returns>
    int Pick(in PickContext context);

    /// <summary>
    /// Gets a value indicating whether <see cref="Pick"/> reads <see cref="PickContext.RequestKey"/>. When false, callers
    /// skip looking the key up (for HTTP, reading a request's options allocates). The default is true.
    /// </summary>
    bool UsesRequestKeys => true;
}
