package org.quorate.ejb.store;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * What a bean keeps for the length of the caller's JTA transaction, through the container's {@link
 * TransactionSynchronizationRegistry}: a resource under a key (created on first use, gone with the
 * transaction) and work to do once the transaction completed. The one place the node's beans read
 * and write the registry, so that each does not repeat its get-or-put and its synchronization.
 */
public final class TransactionResources {
  private TransactionResources() {}

  /**
   * @param registry the container's registry, or null (no container, e.g. a unit test)
   * @return whether the calling thread runs inside a transaction
   */
  public static boolean active(TransactionSynchronizationRegistry registry) {
    return registry != null && registry.getTransactionKey() != null;
  }

  /**
   * The resource kept under a key in the calling thread's transaction, created on first use.
   *
   * @param registry the container's registry
   * @param key the key (a constant of the caller, unique in the node)
   * @param create makes the resource on first use
   * @param <T> the resource's type
   * @return the transaction's resource under that key
   * @throws IllegalStateException outside a transaction (the registry's own error)
   */
  @SuppressWarnings("unchecked")
  public static <T> T resource(
      TransactionSynchronizationRegistry registry, Object key, Supplier<T> create) {
    T r = (T) registry.getResource(key);
    if (r == null) {
      r = create.get();
      registry.putResource(key, r);
    }
    return r;
  }

  /**
   * Runs an action once the calling thread's transaction completed, committed or rolled back (an
   * interposed synchronization: after the transaction's resources completed).
   *
   * @param registry the container's registry
   * @param action takes the transaction's final {@link Status} ({@link Status#STATUS_COMMITTED} or
   *     {@link Status#STATUS_ROLLEDBACK}, or {@link Status#STATUS_UNKNOWN} when not known)
   * @throws IllegalStateException outside a transaction, or once it is completing
   */
  public static void afterCompletion(
      TransactionSynchronizationRegistry registry, IntConsumer action) {
    registry.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            action.accept(status);
          }
        });
  }
}
