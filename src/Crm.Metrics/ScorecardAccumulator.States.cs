using Crm.Domain.Activity;
using Crm.Metrics.Conversion;
using Crm.Metrics.Loyalty;

namespace Crm.Metrics;

/// <summary>The accumulator's state: written for another process, and merged back from one.</summary>
public sealed partial class ScorecardAccumulator
{
    /// <summary>
    /// This accumulator's state as plain data, to ship to where the partitions are merged; serialise it with
    /// <see cref="States.CrmStateJson"/>. The accumulator is unchanged and can go on adding.
    /// </summary>
    /// <returns>The state: the period, options, currency, supplied kinds and every family's partial sums.</returns>
    /// <exception cref="ObjectDisposedException">The accumulator was disposed.</exception>
    public States.ScorecardState ToState() => ToStateWith(null);

    /// <summary>The state, its purchase rows written to <paramref name="purchaseRows"/> (as objects when null).</summary>
    internal States.ScorecardState ToStateWith(Internal.IStateRowSink<PurchaseRow, CustomerPurchaseState>? purchaseRows)
    {
        ThrowIfDisposed();
        return new()
        {
        From = NodaTime.Text.LocalDatePattern.Iso.Format(Period.Dates.Start),
        To = NodaTime.Text.LocalDatePattern.Iso.Format(Period.Dates.End),
        Zone = Period.Zone.Id,
        Options = OptionsState(),
        FunnelStages = Settings.Funnel is { } funnel ? [.. funnel.Stages] : null,
        Currency = _currency.Target?.Code,
        Supplied = [.. Enum.GetValues<DataSources>().Where(k => k is not DataSources.None and not DataSources.All && (_supplied & k) == k).Select(k => k.ToString())],
        Satisfaction = _satisfaction.ToState(),
        Purchases = purchaseRows is null ? _purchases.ToState() : _purchases.ToState(purchaseRows),
        Costs = _costs.ToState(),
        Complaints = _complaints.ToState(),
        Feedback = _feedback.ToState(),
        Funnel = _funnel.ToState(),
        };
    }

    /// <summary>
    /// Merges a partition's shipped state (from <see cref="ToState"/>, possibly on another machine) into this
    /// accumulator, exactly as <see cref="Merge(ScorecardAccumulator)"/> merges an accumulator. The state is checked
    /// whole before anything changes: on an error this accumulator is as it was.
    /// </summary>
    /// <param name="state">The state; of the same period, zone, options and funnel.</param>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    /// <remarks>
    /// A state is untrusted input: every field is checked against the rules listed in docs/distributed.md (counts
    /// within 0 .. 2⁵³, sums of sales and refunds not negative, days, months and durations inside the period, the
    /// counts of each family consistent) before anything is merged.
    /// </remarks>
    /// <exception cref="ArgumentException">
    /// The state is of another layout version, period, zone, options or funnel, or a field breaks its rule; the
    /// message names the field by its JSON path (for example <c>purchases.customers[3].periodSalesAmount</c>) and the
    /// rule.
    /// </exception>
    /// <exception cref="CurrencyMismatchException">The state is in another currency than this accumulator.</exception>
    /// <exception cref="AmountOverflowException">A merged amount would leave the range of <see cref="decimal"/>.</exception>
    /// <exception cref="ObjectDisposedException">The accumulator was disposed.</exception>
    public void Merge(States.ScorecardState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        ThrowIfDisposed();
        Internal.StateChecks.Version(state.Version, States.ScorecardState.CurrentVersion, "scorecard state");
        var from = NodaTime.Text.LocalDatePattern.Iso.Format(Period.Dates.Start);
        var to = NodaTime.Text.LocalDatePattern.Iso.Format(Period.Dates.End);
        if (state.From != from || state.To != to || state.Zone != Period.Zone.Id)
        {
            throw new ArgumentException($"The state is of {state.From}..{state.To} in {state.Zone}; this accumulator's period is {from}..{to} in {Period.Zone.Id}.", nameof(state));
        }

        if (state.Options != OptionsState())
        {
            throw new ArgumentException($"The state was computed with other options ({state.Options}); this accumulator has {OptionsState()}.", nameof(state));
        }

        if (!FunnelAccumulator.SameFunnel(Settings.Funnel, state.FunnelStages is null ? null : new Funnel(state.FunnelStages)))
        {
            throw new ArgumentException("The state was computed with another funnel (ScorecardSettings.Funnel); merge only partitions of the same funnel.", nameof(state));
        }

        // Check every field, then read the state into a fresh accumulator and merge that (itself all or nothing): a
        // bad state leaves this accumulator untouched.
        var supplied = DataSources.None;
        var names = state.Supplied ?? throw Internal.StateChecks.Missing("supplied");
        for (var i = 0; i < names.Count; i++)
        {
            supplied |= Internal.StateChecks.Name<DataSources>(names[i], Internal.StateChecks.At("supplied", i));
        }

        var currency = state.Currency is null ? Settings.Currency : Internal.StateChecks.CurrencyCode(state.Currency, "currency");
        States.ScorecardStateRules.Validate(state, Period, Settings.Funnel?.Stages.Count ?? 0);
        var staged = new ScorecardAccumulator(Period, Settings with { Currency = currency }, _options, _exchangeRates);
        try
        {
            staged._supplied = supplied;
            staged._satisfaction.MergeState(state.Satisfaction);
            staged._purchases.ReadState(state.Purchases);
            staged._costs.ReadState(state.Costs);
            staged._complaints.MergeState(state.Complaints);
            staged._feedback.MergeState(state.Feedback);
            staged._funnel.MergeState(state.Funnel);
            Merge(staged, owned: true);
        }
        finally
        {
            staged.Release();
        }
    }
}
