package dev.vastmesh.simulator.admin;

/** The admin API has one scope: whoever may inject faults may do all of it. */
enum AdminScope {
  ADMIN
}
