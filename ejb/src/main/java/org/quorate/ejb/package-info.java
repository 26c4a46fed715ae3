/** Application services, message-driven beans and JPA persistence of Quorate (container side). */
package org.quorate.ejb;
