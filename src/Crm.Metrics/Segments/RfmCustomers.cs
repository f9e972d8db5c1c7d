using Crm.Metrics.Lifetime;

namespace Crm.Metrics.Segments;

/// <summary>
/// The customers of an <see cref="RfmAnalysis"/>, kept packed: per customer its id, recency, sale days, monetary value,
/// revenue and three scores, each in an array of its own. A <see cref="CustomerRfm"/> is made the first time its place
/// is read, and that same instance is returned after, on every thread; the analyses built on RFM (value tiers,
/// clusters) and the R × F counts read the arrays and make none.
/// </summary>
internal sealed class RfmCustomers : Internal.PackedList<CustomerRfm>
{
    private readonly CustomerId[] _ids;
    private readonly double[] _recency;   // days from the last sale to the analysis date
    private readonly int[] _frequency;    // sale days
    private readonly decimal[] _monetary; // the mean per sale day or the total, as the options say
    private readonly decimal[] _revenue;
    private readonly int[] _recencyScores, _frequencyScores, _monetaryScores;
    private readonly Currency _currency;
    private readonly RfmSegmentMap _map;

    public RfmCustomers(CustomerId[] ids, double[] recency, int[] frequency, decimal[] monetary, decimal[] revenue, (int[] R, int[] F, int[] M) scores, Currency currency, RfmSegmentMap map)
        : base(ids.Length)
    {
        _ids = ids;
        _recency = recency;
        _frequency = frequency;
        _monetary = monetary;
        _revenue = revenue;
        (_recencyScores, _frequencyScores, _monetaryScores) = scores;
        _currency = currency;
        _map = map;
    }

    /// <summary>The customer at a place.</summary>
    public CustomerId Id(int place) => _ids[place];

    /// <summary>Days from the customer's last sale to the analysis date.</summary>
    public double RecencyDays(int place) => _recency[place];

    /// <summary>The customer's sale days.</summary>
    public int Frequency(int place) => _frequency[place];

    /// <summary>The customer's monetary value (mean per sale day or total), in the analysis's currency.</summary>
    public decimal Monetary(int place) => _monetary[place];

    /// <summary>The customer's revenue in the window, in the analysis's currency.</summary>
    public decimal Revenue(int place) => _revenue[place];

    /// <summary>The customer's R score, 1..5.</summary>
    public int RecencyScore(int place) => _recencyScores[place];

    /// <summary>The customer's F score, 1..5.</summary>
    public int FrequencyScore(int place) => _frequencyScores[place];

    /// <inheritdoc/>
    protected override CustomerRfm Make(int place)
    {
        var (r, f) = (_recencyScores[place], _frequencyScores[place]);
        return new CustomerRfm(
            _ids[place],
            new RfmRecency(ModelTime.Days(_recency[place])),
            _frequency[place],
            new Money(_monetary[place], _currency),
            new Money(_revenue[place], _currency),
            r,
            f,
            _monetaryScores[place],
            _map.SegmentOf(r, f));
    }
}
