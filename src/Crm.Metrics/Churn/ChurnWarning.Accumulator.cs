using Crm.Domain.Activity;
using Crm.Metrics.Internal;
using Crm.Metrics.Lifetime;
using Crm.Metrics.Lifetime.Summaries;

namespace Crm.Metrics.Churn;

public static partial class ChurnWarning
{
    /// <summary>
    /// What <see cref="Assess"/> collects in its one pass: each customer's sale days up to the analysis date, and
    /// their complaint and answer counters; assessed once everything is read.
    /// </summary>
    internal sealed class Accumulator : IDisposable
    {
        private readonly LocalDate _analysisDate;
        private readonly int _today;
        private readonly int _windowStart;
        private readonly LocalDayNumbers _days;
        private readonly ChurnWarningSettings _settings;
        private readonly Storage.CustomerDayLog<Signals> _log;

        /// <param name="analysisDate">The last day read.</param>
        /// <param name="zone">The zone of the local dates; null for UTC.</param>
        /// <param name="settings">The thresholds, validated.</param>
        /// <param name="room">A capacity hint.</param>
        /// <param name="shared">The index every analysis of the read shares; null: its own.</param>
        /// <param name="days">The sale days of the read in the zone, shared by its analyses (with <paramref name="shared"/>); null: its own.</param>
        public Accumulator(LocalDate analysisDate, DateTimeZone? zone, ChurnWarningSettings settings, Storage.Capacity room, Storage.CustomerIndex? shared, Storage.SharedDayLog? days = null)
        {
            _analysisDate = analysisDate;
            Zone = zone ?? DateTimeZone.Utc;
            _settings = settings;
            _today = LocalDayNumbers.Of(analysisDate);
            _windowStart = _today - settings.RecentWindowDays + 1;
            _days = new LocalDayNumbers(Zone);
            _log = new Storage.CustomerDayLog<Signals>(room, shared, days, lastDay: _today);
        }

        public DateTimeZone Zone { get; }

        public void Add(Purchase purchase) => Add(purchase.IsSale, -1, _days.Of(purchase.OccurredAt.ToUnixTimeTicks()), purchase.CustomerId);

        /// <summary>Fetches ahead what adding a purchase of the customer numbered <paramref name="sharedCustomer"/> will read (see <see cref="Storage.CustomerDayLog{TState}.Ahead(int, bool)"/>).</summary>
        public void Ahead(int sharedCustomer, bool state) => _log.Ahead(sharedCustomer, state);

        /// <summary>
        /// Adds a purchase by what the warning reads of it: whether it is a sale, its local day (in <see cref="Zone"/>),
        /// and its customer's shared number, or −1 and the customer's <paramref name="id"/>. Its customer is assessed
        /// even when it is a refund or later than the analysis date.
        /// </summary>
        public void Add(bool isSale, int sharedCustomer, int day, CustomerId id = default)
        {
            var customer = sharedCustomer < 0 ? _log.IndexOf(id) : _log.IndexOf(sharedCustomer);
            if (isSale && day <= _today)
            {
                _log.AddDay(customer, day);
            }
        }

        public void Add(Complaint complaint)
        {
            var day = _days.Of(complaint.OpenedAt.ToUnixTimeTicks());
            if (day > _today)
            {
                return;
            }

            ref var signals = ref _log.State(_log.IndexOf(complaint.CustomerId));
            if (day >= _windowStart)
            {
                signals.RecentComplaints++;
            }
            else if (day >= _windowStart - _settings.RecentWindowDays)
            {
                signals.EarlierComplaints++;
            }

            if (complaint.ResolvedAt is not { } resolved || _days.Of(resolved.ToUnixTimeTicks()) > _today)
            {
                signals.Unresolved++;
                signals.OldestUnresolved = Math.Min(signals.OldestUnresolved, day);
            }
        }

        public void Add(SurveyResponse answer)
        {
            var day = _days.Of(answer.AnsweredAt.ToUnixTimeTicks());
            if (answer.Kind == SurveyKind.Nps && answer.Score is <= 6 && day <= _today && day >= _windowStart)
            {
                _log.State(_log.IndexOf(answer.CustomerId)).RecentDetractors++;
            }
        }

        public void AddCustomer(CustomerId id) => _log.IndexOf(id);

        /// <summary>Every customer's risk, highest first (see <see cref="Assess"/>); the model and summary are checked by the caller.</summary>
        public ChurnWarningResult Assess(IPurchaseModel? model, CustomerBaseSummary? summary, CancellationToken cancellationToken)
        {
            var log = _log;
            var alive = new double[log.Customers];
            alive.AsSpan().Fill(-1); // below 0: not in the model's summary (a probability never is)
            if (model is not null)
            {
                foreach (ref readonly var c in summary!.Span)
                {
                    if (log.Find(c.CustomerId) is var index and >= 0)
                    {
                        alive[index] = model.ProbabilityAlive(c);
                    }
                }
            }

            using var sales = log.SortByCustomer();

            // Customers are independent (each reads only its own slice of days): blocks of customers on several
            // threads, each writing its customers' flags and its own array of reasons. The risks stay packed
            // (ChurnRisks): most are counted, few are read.
            var n = log.Customers;
            var ids = new CustomerId[n];
            var flags = new byte[n];
            var firstReason = new int[n];
            var reasons = new FiredReason[(n + ChurnRisks.Block - 1) / ChurnRisks.Block][];
            var byCustomer = sales;
            Concurrency.Partitioned.For(reasons.Length, new ParallelOptions { CancellationToken = cancellationToken }, block =>
            {
                var start = block * ChurnRisks.Block;
                var end = Math.Min(n, start + ChurnRisks.Block);
                var written = Storage.WorkArrays<FiredReason>.Rent(2 * (end - start));
                var count = 0;
                var fired = default(FiredReasons);
                for (var c = start; c < end; c++)
                {
                    var p = alive[c];
                    var lost = AssessOne(byCustomer.Distinct(c), in log.State(c), _today, _windowStart, _settings, p < 0 ? null : p, ref fired);
                    Storage.WorkArrays<FiredReason>.Grow(ref written, count + fired.Count);
                    fired.StrongestFirst(written.AsSpan(count, fired.Count));
                    ids[c] = log.Id(c);
                    flags[c] = ChurnRisks.Flags(fired.Strongest, lost, fired.Count);
                    firstReason[c] = count;
                    count += fired.Count;
                }

                reasons[block] = written.AsSpan(0, count).ToArray();
                Storage.WorkArrays<FiredReason>.Return(written);
            });

            return new ChurnWarningResult(_analysisDate, model is not null, ChurnRisks.Rank(ids, alive, flags, reasons, firstReason));
        }

        public void Dispose() => _log.Dispose();
    }
}
