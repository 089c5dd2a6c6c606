package dev.lockstep.validate.policy;

import dev.lockstep.model.Channel;
import dev.lockstep.model.Resource;
import dev.lockstep.model.SourceLocation;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one policy rule is evaluated on: a resource of a cluster, or a release channel (channels are
 * files, not resources, so they get a small document of their own: {@code name}, {@code version},
 * {@code critical}).
 *
 * @param kind the {@code kind:} value, or {@value #CHANNEL_KIND}
 * @param cluster the cluster's name, or "" for a channel
 * @param document the document as CEL sees it (converted once by {@link CelValues})
 * @param origin where the document starts
 * @param positions field path to location
 */
record Subject(
    String kind,
    String cluster,
    Map<String, Object> document,
    SourceLocation origin,
    Map<String, SourceLocation> positions) {

  /** The pseudo-kind that matches release channels. */
  static final String CHANNEL_KIND = "channel";

  static Subject of(Resource resource, String cluster) {
    return new Subject(
        resource.kind().kind(),
        cluster,
        CelValues.map(resource.document()),
        resource.origin(),
        resource.positions());
  }

  static Subject of(Channel channel) {
    Map<String, SourceLocation> positions = new HashMap<>();
    SourceLocation origin =
        channel.versionLocation() != null ? channel.versionLocation() : channel.criticalLocation();
    if (channel.versionLocation() != null) {
      positions.put("version", channel.versionLocation());
    }
    if (channel.criticalLocation() != null) {
      positions.put("critical", channel.criticalLocation());
    }
    return new Subject(
        CHANNEL_KIND,
        "",
        CelValues.map(channelDocument(channel)),
        origin == null ? SourceLocation.ofFile("channels/" + channel.name()) : origin,
        positions);
  }

  /** A channel as policies see it; absent files read as null. */
  static Map<String, Object> channelDocument(Channel channel) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("kind", CHANNEL_KIND);
    doc.put("name", channel.name());
    doc.put("version", channel.version());
    doc.put("critical", channel.critical());
    return doc;
  }

  SourceLocation locate(String path) {
    return Resource.locate(positions, origin, path);
  }
}
