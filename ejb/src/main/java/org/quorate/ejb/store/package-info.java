/**
 * The durable rows every other package of the node reads and the admission ledger writes: {@link
 * org.quorate.ejb.store.MissionEntity} (a loaded genesis and its status, table {@code Q_MISSION};
 * its row is the mission's admission lock) and {@link org.quorate.ejb.store.InputBytes} (the exact
 * bytes of every input under its input id, SPEC §1 Ids, table {@code Q_INPUT}); and {@link
 * org.quorate.ejb.store.TransactionResources}, what a bean keeps for the length of the caller's JTA
 * transaction; and {@link org.quorate.ejb.store.MappedIndexes}, the indexes of the mapping that an
 * existing database lacks, created at deployment.
 *
 * <p>It depends on no other package of {@code org.quorate.ejb}: admission, mission, contribution,
 * coordination, audit and the portal all build on it, so none of them needs another's internals to
 * reach a mission or an input's bytes.
 */
package org.quorate.ejb.store;
