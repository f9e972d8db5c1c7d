using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NodaTime.Text;

namespace Crm.Report.Output;

/// <summary>
/// The report as one JSON object. Every metric is an object whose <c>value</c> is a number, or <c>null</c> when
/// undefined (with <c>reason</c>); evidence sits in sibling keys. Rates are fractions 0..1 except CSAT (percent),
/// NPS (−100..100) and ratios that may exceed 1. Written with <see cref="Utf8JsonWriter"/>: no reflection, AOT-safe.
/// </summary>
internal static partial class JsonReport
{
    public static string Write(Report report)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var card = report.Card;
            json.WriteStartObject();
            json.WriteStartObject("period");
            json.WriteString("from", LocalDatePattern.Iso.Format(report.Period.Dates.Start));
            json.WriteString("to", LocalDatePattern.Iso.Format(report.Period.Dates.End));
            json.WriteString("zone", report.Period.Zone.Id);
            json.WriteNumber("days", report.Period.LengthInDays);
            json.WriteEndObject();
            json.WriteString("currency", card.Currency.Code);
            json.WriteString("source", report.Source);

            json.WriteStartArray("inputs");
            foreach (var (kind, file, rows) in report.Inputs)
            {
                json.WriteStartObject();
                json.WriteString("kind", kind.ToString().ToLowerInvariant());
                json.WriteString("file", file);
                json.WriteNumber("rows", rows);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("recordsOutsidePeriod", card.RecordsOutsidePeriod);

            json.WriteStartObject("metrics");
            foreach (var metric in report.Metrics)
            {
                json.WriteStartObject(metric.Key);
                Value(json, "value", metric.Value);
                json.WriteString("unit", metric.Unit);
                if (metric.Currency is { } currency)
                {
                    json.WriteString("currency", currency);
                }

                foreach (var evidence in metric.Evidence)
                {
                    Value(json, evidence.Key, evidence.Value);
                }

                if (metric.Value is null)
                {
                    json.WriteString("reason", metric.Reason);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();

            Funnel(json, report);
            Cohorts(json, report);
            Feedback(json, report);

            json.WriteStartArray("topCustomers");
            foreach (var c in report.TopCustomers)
            {
                json.WriteStartObject();
                json.WriteString("customerId", c.Id);
                if (c.Name is not null)
                {
                    json.WriteString("name", c.Name);
                }

                json.WriteNumber("revenue", c.Revenue);
                Value(json, "margin", c.Margin);
                Value(json, "historicalClv", c.HistoricalClv);
                json.WriteEndObject();
            }

            json.WriteEndArray();

            Assessments(json, report);
            Rfm(json, report);
            Models(json, report);
            Churn(json, report);
            Trend(json, report);
            Loyalty(json, report);

            json.WriteStartArray("notes");
            foreach (var note in report.Notes)
            {
                json.WriteStringValue(note);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void Funnel(Utf8JsonWriter json, Report report)
    {
        var funnel = report.Card.Conversion;
        json.WriteStartObject("funnel");
        json.WriteNumber("entered", funnel.Cohort);
        json.WriteStartArray("stages");
        foreach (var stage in funnel.Stages)
        {
            json.WriteStartObject();
            json.WriteString("name", stage.Name);
            json.WriteNumber("reached", stage.Reached);
            Value(json, "fromPrevious", stage.FromPrevious.Value);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        Value(json, "medianDaysToConvert", funnel.TimeToConvert.Median?.TotalDays);
        json.WriteEndObject();
    }

    private static void Cohorts(Utf8JsonWriter json, Report report)
    {
        json.WriteStartArray("cohorts");
        foreach (var row in report.Card.Cohorts.Rows)
        {
            json.WriteStartObject();
            json.WriteString("month", row.Month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteNumber("size", row.Size);
            json.WriteStartArray("retention");
            foreach (var cell in row.Retention)
            {
                Value(json, null, cell);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Feedback(Utf8JsonWriter json, Report report)
    {
        var feedback = report.Card.Feedback;
        json.WriteStartObject("feedback");
        json.WriteNumber("total", feedback.Total);
        json.WriteNumber("surveyAnswers", feedback.SurveyAnswers);
        json.WriteNumber("complaints", feedback.Complaints);
        json.WriteNumber("suggestions", feedback.Suggestions);
        json.WriteNumber("praise", feedback.Praise);
        Value(json, "complaintsHandled", feedback.ComplaintsHandled.Value);
        json.WriteEndObject();

        if (report.InteractionsByChannel is { } channels)
        {
            json.WriteStartObject("interactions");
            json.WriteNumber("total", channels.Values.Sum());
            json.WriteStartObject("byChannel");
            foreach (var (channel, count) in channels)
            {
                json.WriteNumber(Input.Fields.Kebab(channel.ToString()), count);
            }

            json.WriteEndObject();
            json.WriteStartObject("byPurpose");
            foreach (var (purpose, count) in report.InteractionsByPurpose!)
            {
                json.WriteNumber(Input.Fields.Kebab(purpose.ToString()), count);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }
    }

    /// <summary><c>assessments</c>: each framework's overall (over <c>scoredDimensions</c> of the dimensions) and dimension scores (null when unscored) with their evidence.</summary>
    private static void Assessments(Utf8JsonWriter json, Report report)
    {
        json.WriteStartArray("assessments");
        foreach (var assessment in report.Assessments)
        {
            json.WriteStartObject();
            json.WriteString("framework", assessment.Framework.Key);
            Value(json, "overall", assessment.Overall);
            json.WriteNumber("scoredDimensions", assessment.Dimensions.Count(d => d.Score is not null));
            json.WriteStartArray("dimensions");
            foreach (var dimension in assessment.Dimensions)
            {
                json.WriteStartObject();
                json.WriteString("key", dimension.Key);
                Value(json, "score", dimension.Score);
                if (dimension.Reason is { } reason)
                {
                    json.WriteString("reason", reason);
                }

                json.WriteStartArray("evidence");
                foreach (var item in dimension.Evidence)
                {
                    json.WriteStartObject();
                    json.WriteString("metric", item.Metric);
                    json.WriteString("value", item.Value);
                    json.WriteNumber("score", item.Score);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary><c>rfm</c>: segments with customer counts and revenue shares, the bins of each score, and value tiers.</summary>
    private static void Rfm(Utf8JsonWriter json, Report report)
    {
        if (report.Rfm is not { } section)
        {
            json.WriteNull("rfm");
            return;
        }

        var rfm = section.Rfm;
        json.WriteStartObject("rfm");
        json.WriteString("analysisDate", LocalDatePattern.Iso.Format(rfm.Options.AnalysisDate));
        json.WriteNumber("customers", rfm.Customers.Count);
        json.WriteStartArray("segments");
        foreach (var segment in rfm.Segments)
        {
            json.WriteStartObject();
            json.WriteString("name", segment.Name);
            json.WriteNumber("customers", segment.Customers);
            json.WriteNumber("revenue", segment.Revenue.Amount);
            Value(json, "revenueShare", segment.RevenueShare);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        foreach (var (name, bins) in new[] { ("recencyBins", rfm.RecencyBins), ("frequencyBins", rfm.FrequencyBins), ("monetaryBins", rfm.MonetaryBins) })
        {
            json.WriteStartArray(name);
            foreach (var bin in bins)
            {
                json.WriteStartObject();
                json.WriteNumber("score", bin.Score);
                json.WriteNumber("customers", bin.Customers);
                Value(json, "lowest", bin.Lowest);
                Value(json, "highest", bin.Highest);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteStartArray("clusters");
        foreach (var cluster in section.Clusters?.Clusters ?? [])
        {
            json.WriteStartObject();
            json.WriteNumber("index", cluster.Index);
            json.WriteString("name", section.ClusterNames[cluster.Index]);
            json.WriteNumber("customers", cluster.Customers);
            Value(json, "recencyDays", cluster.Recency);
            Value(json, "frequency", cluster.Frequency);
            Value(json, "monetary", cluster.Monetary);
            json.WriteNumber("withinSumOfSquares", cluster.WithinSumOfSquares);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("lifecycle");
        foreach (var (stage, customers) in section.Lifecycle)
        {
            json.WriteNumber(Input.Fields.Kebab(stage.ToString()), customers);
        }

        json.WriteEndObject();
        json.WriteStartArray("valueTiers");
        foreach (var tier in section.Tiers?.Tiers ?? [])
        {
            json.WriteStartObject();
            json.WriteString("tier", tier.Tier.ToString());
            json.WriteNumber("customers", tier.Customers);
            json.WriteNumber("revenue", tier.Value);
            json.WriteNumber("revenueShare", tier.ValueShare);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("paretoCurve");
        foreach (var point in section.ParetoCurve)
        {
            json.WriteStartObject();
            json.WriteNumber("customerShare", point.CustomerShare);
            json.WriteNumber("revenueShare", point.RevenueShare);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("grid");
        foreach (var cell in section.Grid)
        {
            json.WriteStartObject();
            json.WriteNumber("r", cell.Recency);
            json.WriteNumber("f", cell.Frequency);
            json.WriteNumber("customers", cell.Customers);
            json.WriteString("segment", cell.Segment);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary><c>churnRisk</c>: counts by level, lost and slipping, and the most urgent slipping customers with every reason.</summary>
    private static void Churn(Utf8JsonWriter json, Report report)
    {
        if (report.Churn is not { } churn)
        {
            json.WriteNull("churnRisk");
            return;
        }

        json.WriteStartObject("churnRisk");
        json.WriteString("analysisDate", LocalDatePattern.Iso.Format(churn.AnalysisDate));
        json.WriteBoolean("usesModel", churn.UsedModel);
        json.WriteNumber("high", churn.High);
        json.WriteNumber("medium", churn.Medium);
        json.WriteNumber("low", churn.Low);
        json.WriteNumber("lost", churn.Lost);
        json.WriteNumber("slipping", churn.Slipping);
        json.WriteStartArray("customers");
        foreach (var c in churn.AtRisk)
        {
            json.WriteStartObject();
            json.WriteString("customerId", c.Id);
            if (c.Name is not null)
            {
                json.WriteString("name", c.Name);
            }

            json.WriteString("risk", c.Level.ToString().ToLowerInvariant());
            Value(json, "probabilityAlive", c.ProbabilityAlive);
            Value(json, "probabilityAliveIn13Weeks", c.ProbabilityAliveIn13Weeks);
            json.WriteStartArray("reasons");
            foreach (var reason in c.Reasons)
            {
                json.WriteStartObject();
                json.WriteString("code", reason.Code);
                json.WriteString("level", reason.Level.ToString().ToLowerInvariant());
                json.WriteString("text", reason.Text);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Value(Utf8JsonWriter json, string? name, object? value)
    {
        if (name is not null)
        {
            json.WritePropertyName(name);
        }

        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case double d:
                json.WriteNumberValue(d);
                break;
            case decimal m:
                json.WriteNumberValue(m);
                break;
            case long l:
                json.WriteNumberValue(l);
                break;
            case int i:
                json.WriteNumberValue(i);
                break;
            case string s:
                json.WriteStringValue(s);
                break;
            default:
                throw new InvalidOperationException($"No JSON form for {value.GetType()}.");
        }
    }
}
