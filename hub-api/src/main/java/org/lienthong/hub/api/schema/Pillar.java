package org.lienthong.hub.api.schema;

/**
 * Which of the "four on-the-spot" pillars (bốn tại chỗ) of Vietnamese disaster response a resource belongs to
 * ({@code Resource.pillar}).
 */
public enum Pillar {
    /** On-the-spot command (chỉ huy tại chỗ): command posts and the people who run them. */
    command,
    /** On-the-spot forces (lực lượng tại chỗ): people and teams. */
    forces,
    /** On-the-spot materials and means (vật tư, phương tiện tại chỗ): vehicles, equipment, supplies. */
    materials,
    /** On-the-spot logistics (hậu cần tại chỗ): food, water, shelter, funds. */
    logistics
}
