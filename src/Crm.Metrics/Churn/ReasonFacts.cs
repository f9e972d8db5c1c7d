using System.Globalization;
using Crm.Internal;

namespace Crm.Metrics.Churn;

/// <summary>
/// The numbers one churn reason's text is made of, kept instead of the text: the churn warning fires hundreds of
/// thousands of reasons over a large base and most are never read, so each is worded the first time its
/// <see cref="ChurnReason.Text"/> is read (<see cref="Format"/>), always to the same words.
/// </summary>
internal readonly struct ReasonFacts
{
    private readonly Kind _kind;
    private readonly int _a;
    private readonly int _b;
    private readonly int _c;
    private readonly double _x;
    private readonly double _y;

    private ReasonFacts(Kind kind, int a = 0, int b = 0, int c = 0, double x = 0, double y = 0) => (_kind, _a, _b, _c, _x, _y) = (kind, a, b, c, x, y);

    private enum Kind : byte
    {
        None,
        NoPurchase,
        SinglePurchase,
        LongGap,
        FrequencyDrop,
        Complaints,
        Unresolved,
        Detractors,
        ProbabilityAlive,
        SeveralSignals,
    }

    /// <summary>"no purchase on record".</summary>
    public static ReasonFacts NoPurchase() => new(Kind.NoPurchase);

    /// <summary>"one purchase only, 400 days ago".</summary>
    public static ReasonFacts SinglePurchase(int since) => new(Kind.SinglePurchase, since);

    /// <summary>"84 days since the last purchase, 3.2 × the usual gap of 26 days".</summary>
    public static ReasonFacts LongGap(int since, double multiple, double usualGap) => new(Kind.LongGap, since, x: multiple, y: usualGap);

    /// <summary>"1 purchase day in the last 90 days against 4.5 expected at the usual rate".</summary>
    public static ReasonFacts FrequencyDrop(int recent, int window, double expected) => new(Kind.FrequencyDrop, recent, window, x: expected);

    /// <summary>"2 complaints in the last 90 days (0 in the 90 before)".</summary>
    public static ReasonFacts Complaints(int recent, int window, int earlier) => new(Kind.Complaints, recent, window, earlier);

    /// <summary>"1 unresolved complaint, the oldest open 12 days".</summary>
    public static ReasonFacts Unresolved(int open, int oldestDays) => new(Kind.Unresolved, open, oldestDays);

    /// <summary>"1 NPS detractor answer (0-6) in the last 90 days".</summary>
    public static ReasonFacts Detractors(int recent, int window) => new(Kind.Detractors, recent, window);

    /// <summary>"P(alive) 0.12 from the purchase model".</summary>
    public static ReasonFacts ProbabilityAlive(double p) => new(Kind.ProbabilityAlive, x: p);

    /// <summary>"3 warning signals together".</summary>
    public static ReasonFacts SeveralSignals(int count) => new(Kind.SeveralSignals, count);

    /// <summary>The reason's stable key (<see cref="ChurnReason.Code"/>).</summary>
    public string Code => _kind switch
    {
        Kind.NoPurchase => "no-purchase",
        Kind.SinglePurchase => "single-purchase-long-ago",
        Kind.LongGap => "long-gap",
        Kind.FrequencyDrop => "frequency-drop",
        Kind.Complaints => "complaints",
        Kind.Unresolved => "unresolved-complaints",
        Kind.Detractors => "detractor",
        Kind.ProbabilityAlive => "p-alive",
        Kind.SeveralSignals => "several-signals",
        _ => throw new InvalidOperationException("A churn reason without facts has no code here."),
    };

    /// <summary>The reason in words, numbers in the invariant culture.</summary>
    public string Format() => _kind switch
    {
        Kind.NoPurchase => "no purchase on record",
        Kind.SinglePurchase => string.Create(CultureInfo.InvariantCulture, $"one purchase only, {_a} days ago"),
        Kind.LongGap => string.Create(CultureInfo.InvariantCulture, $"{_a} days since the last purchase, {_x:0.0} × the usual gap of {_y:0.#} days"),
        Kind.FrequencyDrop => string.Create(CultureInfo.InvariantCulture, $"{Words.Count(_a, "purchase day", "purchase days")} in the last {_b} days against {_x:0.0} expected at the usual rate"),
        Kind.Complaints => string.Create(CultureInfo.InvariantCulture, $"{Words.Count(_a, "complaint", "complaints")} in the last {_b} days ({_c} in the {_b} before)"),
        Kind.Unresolved => string.Create(CultureInfo.InvariantCulture, $"{Words.Count(_a, "unresolved complaint", "unresolved complaints")}, the oldest open {_b} days"),
        Kind.Detractors => string.Create(CultureInfo.InvariantCulture, $"{Words.Count(_a, "NPS detractor answer", "NPS detractor answers")} (0-6) in the last {_b} days"),
        Kind.ProbabilityAlive => string.Create(CultureInfo.InvariantCulture, $"P(alive) {_x:0.00} from the purchase model"),
        Kind.SeveralSignals => string.Create(CultureInfo.InvariantCulture, $"{_a} warning signals together"),
        _ => throw new InvalidOperationException("A churn reason without facts has its text."),
    };
}
