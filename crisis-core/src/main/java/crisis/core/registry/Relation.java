package crisis.core.registry;

/** How a household member or emergency contact is related to the registered national. */
public enum Relation {
  SPOUSE, CHILD, PARENT, SIBLING, GRANDPARENT, GRANDCHILD, OTHER
}
