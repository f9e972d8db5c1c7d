using Crm.Domain.Customers;
using Crm.Domain.Internal;

namespace Crm.Domain.Segments;

/// <summary>A named segment: the customers its rule matches.</summary>
/// <param name="Name">The segment's name.</param>
/// <param name="Rule">Its rule.</param>
public sealed record Segment(string Name, SegmentRule Rule)
{
    /// <summary>Its rule.</summary>
    public SegmentRule Rule { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Rule)); } = Crm.Internal.Checked.NotNull(Rule, nameof(Rule));

    /// <summary>The segment's name: not empty, not padded.</summary>
    public string Name { get; init => field = Rules.Key(value, nameof(Name)); } = Rules.Key(Name, nameof(Name));

    /// <summary>Whether the customer is in the segment.</summary>
    /// <param name="customer">The customer.</param>
    /// <param name="facts">The customer's computed facts; null for none.</param>
    /// <returns><c>true</c> when the rule matches.</returns>
    public bool Contains(Customer customer, CustomerFacts? facts = null) => Rule.Matches(customer, facts);

    /// <summary>Each segment's members, in the order of the segments (a customer may be in several).</summary>
    /// <param name="segments">The segments.</param>
    /// <param name="customers">The customers with their facts (null facts for none).</param>
    /// <returns>Segment name → member ids, in the customers' order.</returns>
    /// <exception cref="ArgumentException">Two segments have the same name.</exception>
    public static IReadOnlyDictionary<string, IReadOnlyList<CustomerId>> Memberships(IEnumerable<Segment> segments, IEnumerable<(Customer Customer, CustomerFacts? Facts)> customers)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(customers);
        var list = segments.Select(s => Crm.Internal.Elements.NotNull(s, nameof(segments))).ToList();
        if (list.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count() != list.Count)
        {
            throw new ArgumentException("Segment names must be unique.", nameof(segments));
        }

        var members = list.ToDictionary(s => s.Name, _ => new List<CustomerId>(), StringComparer.Ordinal);
        foreach (var (element, facts) in customers)
        {
            var customer = Crm.Internal.Elements.NotNull(element, nameof(customers));
            foreach (var segment in list)
            {
                if (segment.Contains(customer, facts))
                {
                    members[segment.Name].Add(customer.Id);
                }
            }
        }

        return members.ToDictionary(p => p.Key, p => (IReadOnlyList<CustomerId>)p.Value.AsReadOnly(), StringComparer.Ordinal);
    }

    /// <summary>
    /// A grouping for the scorecard breakdown (<c>ICrmMetrics.ComputeBreakdown</c>): each customer in the first
    /// segment that contains them, in the given order, else <paramref name="others"/>.
    /// </summary>
    /// <param name="segments">The segments, in priority order.</param>
    /// <param name="customers">The customers with their facts.</param>
    /// <param name="others">The group of customers in no segment (and of unknown ids).</param>
    /// <returns>A function from customer id to group name.</returns>
    public static Func<CustomerId, string> FirstMatch(IEnumerable<Segment> segments, IEnumerable<(Customer Customer, CustomerFacts? Facts)> customers, string others = "Other")
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(customers);
        Rules.Key(others, nameof(others));
        var list = segments.Select(s => Crm.Internal.Elements.NotNull(s, nameof(segments))).ToList();
        var groups = new Dictionary<CustomerId, string>();
        foreach (var (element, facts) in customers)
        {
            var customer = Crm.Internal.Elements.NotNull(element, nameof(customers));
            groups[customer.Id] = list.FirstOrDefault(s => s.Contains(customer, facts))?.Name ?? others;
        }

        return id => groups.GetValueOrDefault(id, others);
    }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
