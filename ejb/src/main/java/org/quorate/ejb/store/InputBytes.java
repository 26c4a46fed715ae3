package org.quorate.ejb.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The exact bytes of an input, kept forever under its input id: the non-repudiable evidence (SPEC
 * §1 Ids). Kept apart from {@link org.quorate.core.admission.InputRecord} so listings never load
 * them.
 */
@Entity
@Table(name = "Q_INPUT")
public class InputBytes {
  @Id
  @Column(name = "INPUT_ID", length = 71)
  private String inputId;

  @Lob
  @Column(name = "DER", nullable = false)
  private byte[] der;

  /** For JPA. */
  protected InputBytes() {}

  /**
   * @param inputId {@code sha256:} of the bytes
   * @param der the bytes received
   */
  public InputBytes(String inputId, byte[] der) {
    this.inputId = inputId;
    this.der = der.clone();
  }

  /**
   * @return the input id
   */
  public String inputId() {
    return inputId;
  }

  /**
   * @return a copy of the bytes received
   */
  public byte[] der() {
    return der.clone();
  }

  /**
   * The bytes of many inputs in a few queries ({@link InLists}), read as values: they do not join
   * the persistence context, so its commit has nothing of them to compare.
   *
   * @param em the caller's entity manager (the query does not flush it)
   * @param inputIds input ids
   * @return input id to its bytes, for those stored (absent: no bytes)
   */
  public static Map<String, byte[]> read(EntityManager em, Collection<String> inputIds) {
    Map<String, byte[]> out = new HashMap<>();
    for (List<String> chunk : InLists.chunks(inputIds)) {
      for (Object[] row :
          em.createQuery(
                  "select b.inputId, b.der from InputBytes b where b.inputId in :ids",
                  Object[].class)
              .setParameter("ids", chunk)
              .setFlushMode(FlushModeType.COMMIT)
              .getResultList()) {
        out.put((String) row[0], (byte[]) row[1]);
      }
    }
    return out;
  }
}
