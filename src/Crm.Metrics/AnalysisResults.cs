using System.Globalization;
using Crm.Metrics.Churn;
using Crm.Metrics.Lifetime;
using Crm.Metrics.Segments;

namespace Crm.Metrics;

/// <summary>The analyses of an <see cref="AnalysisRequest"/>, computed from one read of a data set; a member is <c>null</c> when it was not requested.</summary>
/// <remarks>Immutable once returned, and thread-safe (<see cref="AssessChurn"/> may be called from several threads).</remarks>
public sealed class AnalysisResults
{
    private readonly ChurnWarning.Accumulator? _churn;
    private readonly LocalDate? _churnDate;

    internal AnalysisResults(long recordsRead, IReadOnlyList<Scorecard>? scorecards, CustomerBaseSummary? summary, RfmAnalysis? rfm, IReadOnlyList<DerivedLifecycle>? lifecycles, ChurnWarning.Accumulator? churn, LocalDate? churnDate)
    {
        RecordsRead = recordsRead;
        Scorecards = scorecards;
        Summary = summary;
        Rfm = rfm;
        Lifecycles = lifecycles;
        _churn = churn;
        _churnDate = churnDate;
    }

    /// <summary>How many records were read, of every kind the requested analyses read.</summary>
    public long RecordsRead { get; }

    /// <summary>The scorecards, in the order of <see cref="AnalysisRequest.Scorecards"/>.</summary>
    public IReadOnlyList<Scorecard>? Scorecards { get; }

    /// <summary>The customer-base summary (fit the models on it).</summary>
    public CustomerBaseSummary? Summary { get; }

    /// <summary>The RFM analysis.</summary>
    public RfmAnalysis? Rfm { get; }

    /// <summary>One lifecycle per customer with a sale up to the analysis date, in the order of their first sale record.</summary>
    public IReadOnlyList<DerivedLifecycle>? Lifecycles { get; }

    /// <summary>Whether the churn warning was requested (and <see cref="AssessChurn"/> can be called).</summary>
    public bool HasChurn => _churn is not null;

    /// <summary>
    /// The churn warning over the records read, as <see cref="ChurnWarning.Assess"/> gives it: every customer of the
    /// data set's purchases, complaints, answers and customers, highest risk first. With a purchase model, the
    /// customers of <see cref="Summary"/> get its P(alive) as a signal.
    /// </summary>
    /// <param name="model">A purchase model fitted on <see cref="Summary"/>; null for the signals alone.</param>
    /// <param name="cancellationToken">Stops the assessment; nothing is returned.</param>
    /// <returns>Every customer's risk, highest first.</returns>
    /// <exception cref="InvalidOperationException">The churn warning was not requested.</exception>
    /// <exception cref="ArgumentException">A model was given, but no summary was requested, or the summary is calibrated to another day than the churn warning's analysis date.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public ChurnWarningResult AssessChurn(IPurchaseModel? model = null, CancellationToken cancellationToken = default)
    {
        if (_churn is null)
        {
            throw new InvalidOperationException("The churn warning was not requested: set AnalysisRequest.Churn.");
        }

        if (model is null)
        {
            return _churn.Assess(null, null, cancellationToken);
        }

        if (Summary is null)
        {
            throw new ArgumentException("A purchase model needs the summary it was fitted on: request AnalysisRequest.Summary, calibrated to the churn warning's analysis date.", nameof(model));
        }

        if (Summary.CalibrationEnd != _churnDate)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The summary is calibrated to {Summary.CalibrationEnd:uuuu-MM-dd}, not the churn warning's analysis date {_churnDate:uuuu-MM-dd}: its P(alive) would describe another day."),
                nameof(model));
        }

        return _churn.Assess(model, Summary, cancellationToken);
    }

    /// <summary>Which analyses are here, and how many records were read (no customer data).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"AnalysisResults {{ RecordsRead = {RecordsRead}, Scorecards = {Scorecards?.Count.ToString(CultureInfo.InvariantCulture) ?? "none"}, Summary = {(Summary is null ? "none" : Summary.Customers.Count.ToString(CultureInfo.InvariantCulture) + " customers")}, Rfm = {(Rfm is null ? "none" : Rfm.Customers.Count.ToString(CultureInfo.InvariantCulture) + " customers")}, Lifecycles = {Lifecycles?.Count.ToString(CultureInfo.InvariantCulture) ?? "none"}, Churn = {(HasChurn ? "requested" : "none")} }}");
}
