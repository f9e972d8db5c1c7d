using Crm.Domain;
using Crm.Domain.Activity;
using Crm.Domain.Customers;
using Crm.Report.Cli;
using NodaTime;

namespace Crm.Report.Input;

/// <summary>Everything read from the input files; a list is <c>null</c> when its file was not given (its metrics are then undefined).</summary>
internal sealed class InputData
{
    public List<Customer>? Customers { get; set; }

    /// <summary>The transactions file's purchases, parsed again on each enumeration (see <see cref="PurchaseRows"/>).</summary>
    public PurchaseRows? Purchases { get; set; }

    public List<SurveyResponse>? SurveyResponses { get; set; }

    public List<Complaint>? Complaints { get; set; }

    public List<CostEntry>? Costs { get; set; }

    public List<Lead>? Leads { get; set; }

    public List<Interaction>? Interactions { get; set; }

    public List<Feedback>? Feedback { get; set; }

    /// <summary>The loyalty programme's rules; null without <c>--programme</c> (or when its file has a problem).</summary>
    public Crm.Domain.LoyaltyProgrammes.LoyaltyProgramme? Programme { get; set; }

    /// <summary>The programme's memberships; null without <c>--members</c>.</summary>
    public List<Crm.Domain.LoyaltyProgrammes.Membership>? Memberships { get; set; }

    /// <summary>The points ledger's entries; null without <c>--points</c>.</summary>
    public List<Crm.Domain.LoyaltyProgrammes.PointsEntry>? PointsEntries { get; set; }

    /// <summary>Patterns of transactions at discrete occasions (BG/BB); null when no such file was given.</summary>
    public List<Crm.Metrics.Lifetime.DiscretePattern>? DiscretePatterns { get; set; }

    /// <summary>The files read, with their data rows, in reading order.</summary>
    public List<(InputKind Kind, string File, int Rows)> Files { get; } = [];

    /// <summary>The currency of the amounts read; <c>null</c> when no file had an amount.</summary>
    public Currency? Currency { get; set; }

    /// <summary>The earliest instant of any dated activity (purchases, answers, complaints, leads, interactions, feedback).</summary>
    public Instant? FirstActivity { get; set; }

    /// <summary>The latest instant of any dated activity.</summary>
    public Instant? LastActivity { get; set; }

    /// <summary>Whether a transactions file was given (its purchases may not be read yet; see <see cref="DataSetReader.TransactionsOnce"/>).</summary>
    public bool HasTransactions { get; set; }

    /// <summary>
    /// These inputs as they would be with the deferred transactions file read, as far as its ends tell: the activity
    /// range widened to its first and last instants, and its first currency where no file read before gave one.
    /// </summary>
    public InputData Guessed(TransactionsGuess guess)
    {
        var guessed = (InputData)MemberwiseClone();
        guessed.FirstActivity = FirstActivity is { } first && first <= guess.First ? first : guess.First;
        guessed.LastActivity = LastActivity is { } last && last >= guess.Last ? last : guess.Last;
        guessed.Currency = Currency ?? guess.Currency;
        return guessed;
    }
}
