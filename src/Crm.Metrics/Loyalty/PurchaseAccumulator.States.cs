using Crm.Metrics.Concurrency;
using Crm.Metrics.Internal;
using Crm.Metrics.Storage;

namespace Crm.Metrics.Loyalty;

/// <summary>The accumulator's state: its customer rows written out, and read back into an empty accumulator.</summary>
public sealed partial class PurchaseAccumulator
{
    /// <summary>
    /// How many segments a long state's rows are written in, when the sink takes segments and several threads are
    /// allowed: groups of whole tables, so that a reader on up to this many threads can read them side by side.
    /// </summary>
    internal const int StateSegments = 8;

    /// <summary>The state with its rows as objects.</summary>
    internal PurchaseState ToState() => ToState(new StateRowObjects<PurchaseRow, CustomerPurchaseState>(static (in PurchaseRow row) => row.ToState()));

    /// <summary>
    /// The state, its rows written one at a time to <paramref name="rows"/> (which gives the state's list). A sink that
    /// takes segments (<see cref="IStateRowSegments{TRow}"/>) gets a long state's rows in <see cref="StateSegments"/>
    /// groups of tables written side by side, in the same order as one pass.
    /// </summary>
    internal PurchaseState ToState(IStateRowSink<PurchaseRow, CustomerPurchaseState> rows)
    {
        var stored = _store.Seal();
        if (rows is IStateRowSegments<PurchaseRow> segments && stored.ScanParallelism > 1)
        {
            var groups = stored.Groups(StateSegments);
            segments.BeginSegments(stored.Count, groups.Length);
            Partitioned.For(groups.Length, new ParallelOptions { MaxDegreeOfParallelism = stored.ScanParallelism }, g => WriteRows(groups[g], segments.Segment(g)));
        }
        else
        {
            rows.Begin(stored.Count);
            WriteRows(stored, rows);
        }

        return new PurchaseState { Customers = rows.End(), PriorPeriodNet = stored.Total, AfterPeriod = RecordsAfterPeriod };
    }

    /// <summary>
    /// Reads a state into this empty accumulator, checking each row as it goes (<see cref="PurchaseStateRules.Row"/>,
    /// and one row per customer); the rest of the state was checked first (<see cref="PurchaseStateRules.Validate"/>).
    /// Rows held packed (<see cref="IStateRowSource{TRow}"/>) are read without an object per row, and a long state's
    /// rows marked in segments (<see cref="ISegmentedStateRowSource{TRow}"/>) on several threads. On an error the
    /// accumulator is half read: the caller stages into a fresh one and drops it.
    /// </summary>
    internal void ReadState(PurchaseState state)
    {
        var bounds = new PurchaseStateRules.Bounds(Period, Options.CohortMonths);
        if (state.Customers is not ISegmentedStateRowSource<PurchaseRow> segmented || !TryReadSegments(segmented, bounds))
        {
            ReadInOnePass(state.Customers, bounds);
        }

        _store.AddToTotal(state.PriorPeriodNet);
        _store.NotAdmitted = state.AfterPeriod;
    }

    /// <summary>
    /// Reads the rows in one pass: a long state (<see cref="ExecutionSettings.ParallelApplyMinimum"/> rows or more)
    /// through a <see cref="PurchaseStateStager"/>, table by table, a short one row by row. The staged read may meet a
    /// repeated id only when its chunk is applied, after later rows were checked; so on any error the store is emptied
    /// and read again row by row, which throws the error of the first bad row in the state's order.
    /// </summary>
    private void ReadInOnePass(IReadOnlyList<CustomerPurchaseState> rows, PurchaseStateRules.Bounds bounds)
    {
        var store = _store;
        PurchaseStateStager? stager = null;
        try
        {
            StateRows.Read(
                rows,
                PurchaseRow.Of,
                count =>
                {
                    store.Reserve(count);
                    stager = count >= ExecutionSettings.ParallelApplyMinimum ? new PurchaseStateStager(store) : null;
                },
                (int i, in PurchaseRow row, bool present) =>
                {
                    if (stager is null)
                    {
                        ReadRow(store, in row, i, present, in bounds);
                    }
                    else
                    {
                        StageRow(stager, in row, i, present, in bounds);
                    }
                });
            stager?.Flush();
        }
        catch (Exception) when (stager is not null)
        {
            stager.Dispose();
            stager = null;
            store.Release();
            StateRows.Read(rows, PurchaseRow.Of, store.Reserve, (int i, in PurchaseRow row, bool present) => ReadRow(store, in row, i, present, in bounds));
        }
        finally
        {
            stager?.Dispose();
        }
    }

    private static void WriteRows<TWriter>(StoredCustomers<CustomerHistory, CustomerPeriod> stored, TWriter rows)
        where TWriter : IStateRowWriter<PurchaseRow>
    {
        var row = default(PurchaseRow);
        foreach (var customer in stored)
        {
            // A sink that packs reads each id's characters, scattered over the heap: ask for them a few rows ahead.
            customer.PrefetchIdAhead(8);
            ref readonly var history = ref customer.History;
            ref readonly var period = ref customer.Period; // empty when the customer has none
            row.Id = customer.Id.Value;
            row.FirstSaleTicks = history.HasSale ? history.FirstSaleTicks : null;
            row.LifetimeNet = history.LifetimeNet;
            row.LifetimeCost = history.LifetimeCost;
            row.LifetimeSalesWithoutCost = history.LifetimeSalesWithoutCost;
            row.SaleInWindowBefore = history.SaleInWindowBefore;
            row.SaleMonths = history.SaleMonths;
            row.AcquiredTicks = period.HasAcquisition ? period.AcquiredTicks : null;
            row.HasPeriodRecord = period.HasPeriodRecord;
            row.PeriodSales = period.PeriodSales;
            row.FirstSaleDay = period.FirstSaleDayPlusOne;
            row.SalesOnSeveralDays = period.SalesOnSeveralDays;
            row.PeriodSalesAmount = period.PeriodSalesAmount;
            row.PeriodRefundAmount = period.PeriodRefundAmount;
            row.PeriodCost = period.PeriodCost;
            row.PeriodSalesWithoutCost = period.PeriodSalesWithoutCost;
            rows.Add(in row);
        }
    }

    /// <summary>
    /// Reads a state's segments on several threads, each thread's into a store of its own, then merges those stores
    /// (whose customers a well-formed state keeps apart) into this empty one. Returns false, with this store still
    /// empty, where it does not pay (one thread allowed, one segment, a short state) or where anything goes wrong: a
    /// row that breaks a rule, a customer in two segments, segments marked wrong. The caller then reads the rows in
    /// one pass, which ignores the marks and refuses a bad row exactly as it would without them (the first in the
    /// state's order).
    /// </summary>
    private bool TryReadSegments(ISegmentedStateRowSource<PurchaseRow> source, PurchaseStateRules.Bounds bounds)
    {
        var segments = source.SegmentCount;
        var threads = Math.Min(_store.Execution.Threads, segments);
        if (threads < 2)
        {
            return false;
        }

        var stores = new PurchaseStore[threads];
        try
        {
            if (!ReadSegments(source, bounds, stores))
            {
                return false;
            }

            // Only this store changes from here, and only by taking the merged tables whole (it holds nothing yet).
            _store.Merge(stores[0], owned: true);
            return true;
        }
        finally
        {
            foreach (var store in stores)
            {
                store?.Release();
            }
        }
    }

    /// <summary>
    /// The reading and merging of <see cref="TryReadSegments"/> into <paramref name="stores"/> (one per thread, the
    /// merged tables in the first); false where it does not pay or anything went wrong.
    /// </summary>
    private bool ReadSegments(ISegmentedStateRowSource<PurchaseRow> source, PurchaseStateRules.Bounds bounds, PurchaseStore[] stores)
    {
        var segments = source.SegmentCount;
        var threads = stores.Length;
        try
        {
            var announced = new int[segments];
            var rows = 0L;
            for (var s = 0; s < segments; s++)
            {
                announced[s] = source.RowsIn(s);
                rows += announced[s];
            }

            if (rows < ExecutionSettings.ParallelApplyMinimum)
            {
                return false;
            }

            Partitioned.For(threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                var (first, end) = ((segments * t) / threads, (segments * (t + 1)) / threads);
                var store = stores[t] = new PurchaseStore(_store.Rules, _store.Execution);
                var share = 0;
                for (var s = first; s < end; s++)
                {
                    share += announced[s];
                }

                store.Reserve(share);
                using var stager = new PurchaseStateStager(store);
                for (var s = first; s < end; s++)
                {
                    source.ReadSegment(s, (int i, in PurchaseRow row, bool present) => StageRow(stager, in row, i, present, in bounds));
                }

                stager.Flush();
            });

            var read = 0L;
            foreach (var store in stores)
            {
                read += store.AppliedCustomers;
            }

            for (var t = 1; t < stores.Length; t++)
            {
                stores[0].Merge(stores[t], owned: true);
            }

            return stores[0].AppliedCustomers == read; // if not, a customer is in two segments: the one pass names the repeated row
        }
#pragma warning disable CA1031 // any failure here is reported by the one-pass read that follows, or was the marks' alone
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    private static void ReadRow(PurchaseStore store, in PurchaseRow row, int i, bool present, in PurchaseStateRules.Bounds bounds)
    {
        var id = Checked(in row, i, present, in bounds, out var history, out var period, out var hasPeriod);
        var table = store.TableOf(id);
        var count = table.Count;
        var at = table.IndexOf(id);
        if (table.Count == count)
        {
            throw PurchaseStateRules.RepeatedId(i);
        }

        table.History(at) = history;
        if (hasPeriod)
        {
            table.PeriodForUpdate(at) = period;
        }
    }

    private static void StageRow(PurchaseStateStager stager, in PurchaseRow row, int i, bool present, in PurchaseStateRules.Bounds bounds)
    {
        var id = Checked(in row, i, present, in bounds, out var history, out var period, out var hasPeriod);
        stager.Add(i, id, in history, in period, hasPeriod);
    }

    /// <summary>Row <paramref name="i"/> checked (<see cref="PurchaseStateRules.Row"/>): its id, and its rows as the store keeps them.</summary>
    private static CustomerId Checked(in PurchaseRow row, int i, bool present, in PurchaseStateRules.Bounds bounds, out CustomerHistory history, out CustomerPeriod period, out bool hasPeriod)
    {
        if (!present)
        {
            throw PurchaseStateRules.MissingRow(i);
        }

        var id = PurchaseStateRules.Row(in row, i, in bounds);
        history = new CustomerHistory
        {
            FirstSaleTicks = row.FirstSaleTicks ?? CustomerHistory.NoSale,
            LifetimeNet = row.LifetimeNet,
            LifetimeCost = row.LifetimeCost,
            LifetimeSalesWithoutCost = row.LifetimeSalesWithoutCost,
            SaleInWindowBefore = row.SaleInWindowBefore,
            SaleMonths = row.SaleMonths,
        };
        hasPeriod = row.AcquiredTicks is not null || row.HasPeriodRecord;
        period = hasPeriod
            ? new CustomerPeriod
            {
                HasAcquisition = row.AcquiredTicks is not null,
                AcquiredTicks = row.AcquiredTicks ?? 0,
                HasPeriodRecord = row.HasPeriodRecord,
                PeriodSales = row.PeriodSales,
                FirstSaleDayPlusOne = row.FirstSaleDay,
                SalesOnSeveralDays = row.SalesOnSeveralDays,
                PeriodSalesAmount = row.PeriodSalesAmount,
                PeriodRefundAmount = row.PeriodRefundAmount,
                PeriodCost = row.PeriodCost,
                PeriodSalesWithoutCost = row.PeriodSalesWithoutCost,
            }
            : default;
        return id;
    }
}
